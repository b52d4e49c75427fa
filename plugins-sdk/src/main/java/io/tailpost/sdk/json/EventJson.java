package io.tailpost.sdk.json;

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

    private EventJson() {
    }

    /** Appends one event as a JSON object (no trailing newline). */
    public static void writeEvent(LogEvent event, ByteArrayBuilder out) {
        boolean hasFields = event.hasFields();
        Map<String, Object> fields = hasFields ? event.fields() : null;
        out.write('{');
        boolean first = true;
        if (!hasFields || !fields.containsKey("timestamp")) {
            out.writeAscii("\"timestamp\":\"");
            writeTimestamp(event.timeUnixNanos(), out);
            out.write('"');
            first = false;
        }
        if (event.hasMessage() && (!hasFields || !fields.containsKey("message"))) {
            if (!first) {
                out.write(',');
            }
            out.writeAscii("\"message\":");
            writeUtf8String(event.messageArray(), event.messageOffset(), event.messageLength(), out);
            first = false;
        }
        if (event.source() != null && (!hasFields || !fields.containsKey("source"))) {
            if (!first) {
                out.write(',');
            }
            out.writeAscii("\"source\":");
            writeString(event.source(), out);
            first = false;
        }
        if (hasFields) {
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                if (!first) {
                    out.write(',');
                }
                writeString(e.getKey(), out);
                out.write(':');
                writeValue(e.getValue(), out);
                first = false;
            }
        }
        out.write('}');
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
        out.ensure(length + 2);
        out.write('"');
        int end = offset + length;
        int runStart = offset;
        int i = offset;
        while (i < end) {
            int b = src[i] & 0xFF;
            if (b >= 0x20 && b != '"' && b != '\\' && b < 0x80) {
                i++;
                continue;
            }
            if (b >= 0x80) {
                int len = validSequenceLength(src, i, end);
                if (len > 0) {
                    i += len;
                    continue;
                }
                out.write(src, runStart, i - runStart);
                out.write(REPLACEMENT);
                i++;
                runStart = i;
                continue;
            }
            out.write(src, runStart, i - runStart);
            writeAsciiEscaped((char) b, out);
            i++;
            runStart = i;
        }
        out.write(src, runStart, end - runStart);
        out.write('"');
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

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L};

    private static void writePadded(long value, int width, ByteArrayBuilder out) {
        for (int i = width - 1; i >= 0; i--) {
            out.write((int) ('0' + (value / POW10[i]) % 10));
        }
    }
}
