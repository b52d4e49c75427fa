package io.tailpost.sdk.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

import io.tailpost.sdk.LogEvent;

/**
 * Writes events as JSON objects straight into bytes, escaping on the byte level so that a
 * message never becomes a String on the way out.
 *
 * <p>Shape: {@code {"timestamp":"<RFC 3339, ns>","message":"...","source":"...",<fields>}}.
 * A field named like a built-in key ({@code timestamp}, {@code message}, {@code source})
 * replaces it. Invalid UTF-8 in a message is written as U+FFFD, so the output is always
 * valid JSON.
 */
public final class EventJson {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};
    private static final byte[] TIMESTAMP_KEY = ascii("\"timestamp\":\"");
    private static final byte[] MESSAGE_KEY = ascii("\"message\":");
    private static final byte[] SOURCE_KEY = ascii("\"source\":");
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    /** Added to the low seven bits of a byte, reaches 0x80 exactly when the byte is 0x20 or above. */
    private static final long BELOW_SPACE = 0x6060606060606060L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    /** The last timestamp written and its text: events read together share one timestamp. */
    private static volatile EncodedTime lastTime = new EncodedTime(Long.MIN_VALUE, new byte[0]);

    private record EncodedTime(long unixNanos, byte[] text) {
    }

    /** The last source written and its JSON string: events of one file share one source. */
    private static volatile EncodedSource lastSource = new EncodedSource("", ascii("\"\""));

    private record EncodedSource(String source, byte[] json) {
    }

    private EventJson() {
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /*
     * The two caches below are read and replaced without locking: an entry is immutable,
     * so a thread sees either an old entry (and encodes again) or a complete new one.
     */

    private static void writeCachedTimestamp(long unixNanos, ByteArrayBuilder out) {
        EncodedTime cached = lastTime;
        if (cached.unixNanos() != unixNanos) {
            ByteArrayBuilder b = new ByteArrayBuilder(32);
            writeTimestamp(unixNanos, b);
            cached = new EncodedTime(unixNanos, b.toByteArray());
            lastTime = cached;
        }
        out.write(cached.text());
    }

    private static void writeSource(String source, ByteArrayBuilder out) {
        EncodedSource cached = lastSource;
        if (cached.source() != source) {
            ByteArrayBuilder b = new ByteArrayBuilder(source.length() + 8);
            writeString(source, b);
            cached = new EncodedSource(source, b.toByteArray());
            lastSource = cached;
        }
        out.write(cached.json());
    }

    /** Appends one event as a JSON object (no trailing newline). */
    public static void writeEvent(LogEvent event, ByteArrayBuilder out) {
        boolean hasFields = event.hasFields();
        Map<String, Object> fields = hasFields ? event.fields() : null;
        out.write('{');
        boolean first = true;
        if (!hasFields || !fields.containsKey("timestamp")) {
            out.write(TIMESTAMP_KEY);
            writeCachedTimestamp(event.timeUnixNanos(), out);
            out.write('"');
            first = false;
        }
        if (event.hasMessage() && (!hasFields || !fields.containsKey("message"))) {
            if (!first) {
                out.write(',');
            }
            out.write(MESSAGE_KEY);
            writeUtf8String(event.messageArray(), event.messageOffset(), event.messageLength(), out);
            first = false;
        }
        if (event.source() != null && (!hasFields || !fields.containsKey("source"))) {
            if (!first) {
                out.write(',');
            }
            out.write(SOURCE_KEY);
            writeSource(event.source(), out);
            first = false;
        }
        if (hasFields) {
            writeMembers(fields, first, out);
        }
        out.write('}');
    }

    /**
     * Writes {@code fields} as one JSON object, {@code {...}}, if they are still the bytes
     * of a parsed JSON object ({@link JsonFields} not yet read as objects), and says so;
     * otherwise writes nothing and returns {@code false}. For storing such fields as they
     * are, to be read back with {@link JsonFields#parseObject}.
     */
    public static boolean writeRawObject(Map<String, Object> fields, ByteArrayBuilder out) {
        if (!(fields instanceof JsonFields) || !((JsonFields) fields).raw()) {
            return false;
        }
        out.write('{');
        if (!fields.isEmpty()) {
            ((JsonFields) fields).writeMembers(out);
        }
        out.write('}');
        return true;
    }

    /**
     * Writes {@code fields} as members of a JSON object being written ({@code "name":value},
     * separated by commas), after a comma unless {@code first}. Fields still held as the
     * bytes of a parsed JSON object ({@link JsonFields}) are copied as they are.
     *
     * @return whether the next member is still the first (nothing was written)
     */
    public static boolean writeMembers(Map<String, Object> fields, boolean first, ByteArrayBuilder out) {
        if (fields instanceof JsonFields && ((JsonFields) fields).raw()) {
            if (fields.isEmpty()) {
                return first;
            }
            if (!first) {
                out.write(',');
            }
            ((JsonFields) fields).writeMembers(out);
            return false;
        }
        boolean next = first;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!next) {
                out.write(',');
            }
            writeString(e.getKey(), out);
            out.write(':');
            writeValue(e.getValue(), out);
            next = false;
        }
        return next;
    }

    /** Writes a JSON value: String, Number, Boolean, null, Map, Collection; anything else as its text. */
    public static void writeValue(Object value, ByteArrayBuilder out) {
        if (value == null) {
            out.writeAscii("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.writeDecimal(((Number) value).longValue());
        } else if (value instanceof Double d) {
            writeDouble(d, out);
        } else if (value instanceof Float f) {
            writeDouble(f.doubleValue(), out);
        } else if (value instanceof Number n) {
            out.writeAscii(n.toString());
        } else if (value instanceof Boolean b) {
            out.writeAscii(b ? "true" : "false");
        } else if (value instanceof Map<?, ?> m) {
            out.write('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    out.write(',');
                }
                writeString(String.valueOf(e.getKey()), out);
                out.write(':');
                writeValue(e.getValue(), out);
                first = false;
            }
            out.write('}');
        } else if (value instanceof Collection<?> c) {
            out.write('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    out.write(',');
                }
                writeValue(o, out);
                first = false;
            }
            out.write(']');
        } else {
            writeString(value.toString(), out);
        }
    }

    private static void writeDouble(double d, ByteArrayBuilder out) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            out.writeAscii("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.writeDecimal((long) d);
            out.writeAscii(".0");
        } else {
            out.writeAscii(Double.toString(d));
        }
    }

    /** Writes a JSON string from Java text. */
    public static void writeString(String s, ByteArrayBuilder out) {
        out.write('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                writeAsciiEscaped(c, out);
            } else if (c < 0x800) {
                out.write(0xC0 | (c >> 6));
                out.write(0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.write(0xF0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3F));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                out.write(REPLACEMENT);
            } else {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            }
        }
        out.write('"');
    }

    /**
     * Writes a JSON string from UTF-8 bytes, escaping quotes, backslashes and control
     * characters and replacing invalid sequences with U+FFFD.
     */
    public static void writeUtf8String(byte[] src, int offset, int length, ByteArrayBuilder out) {
        int end = offset + length;
        // Room for the text, the quotes and a word written past the end; escapes make more.
        out.ensure(length + SLACK);
        byte[] buf = out.array();
        int pos = out.size();
        buf[pos++] = '"';
        int i = offset;
        while (i < end) {
            if (i + 8 <= end) {
                // Eight bytes copied at once; only those before the first special one count.
                long w = (long) LONGS.get(src, i);
                LONGS.set(buf, pos, w);
                long special = special(w);
                if (special == 0) {
                    i += 8;
                    pos += 8;
                    continue;
                }
                int plain = firstMarkedByte(special);
                i += plain;
                pos += plain;
            } else if (!isSpecial(src[i] & 0xFF)) {
                buf[pos++] = src[i++];
                continue;
            }
            int b = src[i] & 0xFF;
            if (b >= 0x80) {
                int len = validSequenceLength(src, i, end);
                if (len > 0) {
                    System.arraycopy(src, i, buf, pos, len);
                    i += len;
                    pos += len;
                    continue;
                }
            }
            if (buf.length - pos < end - i + SLACK + 6) {
                out.setSize(pos);
                out.ensure(end - i + SLACK + 6);
                buf = out.array();
            }
            pos = b >= 0x80 ? writeReplacement(buf, pos) : writeEscape(b, buf, pos);
            i++;
        }
        buf[pos++] = '"';
        out.setSize(pos);
    }

    /** Room kept past the text: the quotes and one word written ahead. */
    private static final int SLACK = 2 + 8;

    /**
     * Which bytes of {@code w} are not copied as they are (below 0x20, a quote, a
     * backslash, or 0x80 and above): their high bits. The tests are exact per byte (no
     * carry crosses a byte), so the lowest set bit marks the first such byte.
     */
    static long special(long w) {
        long quote = w ^ QUOTES;
        long backslash = w ^ BACKSLASHES;
        long control = ~(((w & LOWS) + BELOW_SPACE) | w);
        long isQuote = ~(((quote & LOWS) + LOWS) | quote);
        long isBackslash = ~(((backslash & LOWS) + LOWS) | backslash);
        return (w | control | isQuote | isBackslash) & HIGHS;
    }

    /**
     * The index (0 to 7, little-endian) of the lowest byte whose high bit is set in
     * {@code marks} (only high bits set, at least one): the lowest mark, moved to bit 0 of
     * its byte, times a constant whose top byte then holds that byte's index. Costs the
     * same as counting trailing zeros where that is a processor instruction, and far less
     * where the JIT does not turn it into one (the client compiler).
     */
    static int firstMarkedByte(long marks) {
        return (int) ((((marks & -marks) >>> 7) * 0x0001020304050607L) >>> 56);
    }

    private static boolean isSpecial(int b) {
        return b < 0x20 || b == '"' || b == '\\' || b >= 0x80;
    }

    private static int writeReplacement(byte[] buf, int pos) {
        buf[pos] = REPLACEMENT[0];
        buf[pos + 1] = REPLACEMENT[1];
        buf[pos + 2] = REPLACEMENT[2];
        return pos + 3;
    }

    /** Writes the JSON escape of ASCII byte {@code b} (below 0x20, a quote or a backslash). */
    private static int writeEscape(int b, byte[] buf, int pos) {
        buf[pos] = '\\';
        byte short1 = switch (b) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            case '\b' -> 'b';
            case '\f' -> 'f';
            default -> 0;
        };
        if (short1 != 0) {
            buf[pos + 1] = short1;
            return pos + 2;
        }
        buf[pos + 1] = 'u';
        buf[pos + 2] = '0';
        buf[pos + 3] = '0';
        buf[pos + 4] = HEX[b >> 4];
        buf[pos + 5] = HEX[b & 0xF];
        return pos + 6;
    }

    /** The length of the valid UTF-8 sequence starting at {@code i}, or 0 when invalid. */
    static int validSequenceLength(byte[] src, int i, int end) {
        int b = src[i] & 0xFF;
        if (b >= 0xC2 && b <= 0xDF) {
            return i + 1 < end && isContinuation(src[i + 1]) ? 2 : 0;
        }
        if (b >= 0xE0 && b <= 0xEF) {
            if (i + 2 >= end || !isContinuation(src[i + 1]) || !isContinuation(src[i + 2])) {
                return 0;
            }
            int b1 = src[i + 1] & 0xFF;
            if (b == 0xE0 && b1 < 0xA0) {
                return 0; // overlong
            }
            if (b == 0xED && b1 >= 0xA0) {
                return 0; // surrogate
            }
            return 3;
        }
        if (b >= 0xF0 && b <= 0xF4) {
            if (i + 3 >= end || !isContinuation(src[i + 1]) || !isContinuation(src[i + 2]) || !isContinuation(src[i + 3])) {
                return 0;
            }
            int b1 = src[i + 1] & 0xFF;
            if (b == 0xF0 && b1 < 0x90) {
                return 0; // overlong
            }
            if (b == 0xF4 && b1 >= 0x90) {
                return 0; // beyond U+10FFFF
            }
            return 4;
        }
        return 0;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static void writeAsciiEscaped(char c, ByteArrayBuilder out) {
        switch (c) {
            case '"' -> out.write('\\').write('"');
            case '\\' -> out.write('\\').write('\\');
            case '\n' -> out.write('\\').write('n');
            case '\r' -> out.write('\\').write('r');
            case '\t' -> out.write('\\').write('t');
            case '\b' -> out.write('\\').write('b');
            case '\f' -> out.write('\\').write('f');
            default -> {
                if (c < 0x20 || c == 0x7F) {
                    out.writeAscii("\\u00").write(HEX[c >> 4]).write(HEX[c & 0xF]);
                } else {
                    out.write(c);
                }
            }
        }
    }

    /** Writes {@code unixNanos} as RFC 3339 UTC with nanoseconds, e.g. 2026-12-04T20:11:58.123456789Z. */
    public static void writeTimestamp(long unixNanos, ByteArrayBuilder out) {
        long seconds = Math.floorDiv(unixNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(unixNanos, 1_000_000_000L);
        long days = Math.floorDiv(seconds, 86_400L);
        int secOfDay = (int) Math.floorMod(seconds, 86_400L);
        // Civil date from days since 1970-01-01 (proleptic Gregorian).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) {
            y++;
        }
        writePadded(y, 4, out);
        out.write('-');
        writePadded(m, 2, out);
        out.write('-');
        writePadded(d, 2, out);
        out.write('T');
        writePadded(secOfDay / 3600, 2, out);
        out.write(':');
        writePadded((secOfDay / 60) % 60, 2, out);
        out.write(':');
        writePadded(secOfDay % 60, 2, out);
        out.write('.');
        writePadded(nanos, 9, out);
        out.write('Z');
    }

    private static void writePadded(long value, int width, ByteArrayBuilder out) {
        out.ensure(width);
        byte[] buf = out.array();
        int end = out.size() + width;
        long v = value;
        for (int i = end - 1; i >= end - width; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        out.setSize(end);
    }
}
