package io.tailpost.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.json.ByteArrayBuilder;
import io.tailpost.sdk.json.EventJson;
import io.tailpost.sdk.json.JsonFields;

/**
 * The binary form of a batch of events in the disk buffer. Compact and allocation-light:
 * a message is copied as raw bytes, a source shared by consecutive events is written
 * once, and field values carry a one-byte type tag. Layout (big-endian):
 * {@code count:int, then per event: time:long, flags:byte, [message: len:int bytes],
 * [source: len:int bytes], [fields: n:int (key value)*], [metadata: n:int (key value)*]}.
 */
final class EventCodec {
    private static final int HAS_MESSAGE = 1;
    private static final int HAS_SOURCE = 2;
    private static final int SAME_SOURCE = 4;
    private static final int HAS_FIELDS = 8;
    private static final int HAS_METADATA = 16;
    /** The fields are a JSON object's text (kept as bytes by a JSON processor), length first. */
    private static final int JSON_FIELDS = 32;

    private static final byte T_NULL = 0;
    private static final byte T_STRING = 1;
    private static final byte T_LONG = 2;
    private static final byte T_DOUBLE = 3;
    private static final byte T_TRUE = 4;
    private static final byte T_FALSE = 5;
    private static final byte T_LIST = 6;
    private static final byte T_MAP = 7;

    private EventCodec() {
    }

    static void encode(List<LogEvent> events, ByteArrayBuilder out) {
        writeInt(out, events.size());
        String previousSource = null;
        for (LogEvent e : events) {
            writeLong(out, e.timeUnixNanos());
            String source = e.source();
            int flags = (e.hasMessage() ? HAS_MESSAGE : 0) | (e.hasFields() ? HAS_FIELDS : 0)
                    | (e.hasMetadata() ? HAS_METADATA : 0);
            if (source != null) {
                flags |= source.equals(previousSource) ? SAME_SOURCE : HAS_SOURCE;
            }
            int flagsAt = out.size();
            out.write(flags);
            if (e.hasMessage()) {
                writeInt(out, e.messageLength());
                out.write(e.messageArray(), e.messageOffset(), e.messageLength());
            }
            if ((flags & HAS_SOURCE) != 0) {
                writeString(out, source);
            }
            previousSource = source;
            if (e.hasFields()) {
                writeFields(out, e.fields(), flagsAt);
            }
            if (e.hasMetadata()) {
                writeInt(out, e.metadata().size());
                for (Map.Entry<String, String> m : e.metadata().entrySet()) {
                    writeString(out, m.getKey());
                    writeString(out, m.getValue());
                }
            }
        }
    }

    /**
     * Decodes a record written by {@link #encode}. Messages refer to slices of
     * {@code data}, which the caller must not reuse.
     *
     * @throws IllegalArgumentException when the bytes are not a valid record
     */
    static List<LogEvent> decode(byte[] data, int offset, int length) {
        Reader r = new Reader(data, offset, offset + length);
        int count = r.count();
        List<LogEvent> events = new ArrayList<>(count);
        String source = null;
        for (int i = 0; i < count; i++) {
            long time = r.readLong();
            int flags = r.readByte();
            LogEvent e;
            if ((flags & HAS_MESSAGE) != 0) {
                int len = r.count();
                e = LogEvent.ofBytes(data, r.take(len), len, time);
            } else {
                e = LogEvent.empty();
                e.setTimeUnixNanos(time);
            }
            if ((flags & HAS_SOURCE) != 0) {
                source = r.readString();
            }
            if ((flags & (HAS_SOURCE | SAME_SOURCE)) != 0) {
                e.setSource(source);
            }
            if ((flags & JSON_FIELDS) != 0) {
                int len = r.count();
                int at = r.take(len);
                JsonFields fields = JsonFields.parseObject(data, at, len);
                if (fields == null) {
                    throw new IllegalArgumentException("the JSON fields of event " + i + " are not a JSON object");
                }
                e.setFields(fields);
            } else if ((flags & HAS_FIELDS) != 0) {
                readMapInto(r, e.fields());
            }
            if ((flags & HAS_METADATA) != 0) {
                int n = r.count();
                for (int j = 0; j < n; j++) {
                    e.metadata().put(r.readString(), r.readString());
                }
            }
            events.add(e);
        }
        if (r.pos != r.end) {
            throw new IllegalArgumentException((r.end - r.pos) + " bytes left over after " + count + " events");
        }
        return events;
    }

    /**
     * Fields still held as a JSON object's bytes are stored as that text (marked in the
     * event's flags byte at {@code flagsAt}), so they come back as bytes too; others are
     * written value by value.
     */
    private static void writeFields(ByteArrayBuilder out, Map<String, Object> fields, int flagsAt) {
        int lengthAt = out.size();
        writeInt(out, 0);
        if (EventJson.writeRawObject(fields, out)) {
            int length = out.size() - lengthAt - 4;
            int end = out.size();
            out.setSize(lengthAt);
            writeInt(out, length);
            out.setSize(end);
            out.array()[flagsAt] |= JSON_FIELDS;
        } else {
            out.setSize(lengthAt);
            writeMap(out, fields);
        }
    }

    private static void writeMap(ByteArrayBuilder out, Map<?, ?> map) {
        writeInt(out, map.size());
        for (Map.Entry<?, ?> f : map.entrySet()) {
            writeString(out, String.valueOf(f.getKey()));
            writeValue(out, f.getValue());
        }
    }

    private static void writeValue(ByteArrayBuilder out, Object v) {
        if (v == null) {
            out.write(T_NULL);
        } else if (v instanceof String s) {
            out.write(T_STRING);
            writeString(out, s);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.write(T_LONG);
            writeLong(out, ((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            out.write(T_DOUBLE);
            writeLong(out, Double.doubleToRawLongBits(((Number) v).doubleValue()));
        } else if (v instanceof Boolean b) {
            out.write(b ? T_TRUE : T_FALSE);
        } else if (v instanceof Map<?, ?> m) {
            out.write(T_MAP);
            writeMap(out, m);
        } else if (v instanceof Iterable<?> it) {
            List<Object> items = new ArrayList<>();
            it.forEach(items::add);
            out.write(T_LIST);
            writeInt(out, items.size());
            for (Object o : items) {
                writeValue(out, o);
            }
        } else {
            out.write(T_STRING);
            writeString(out, v.toString());
        }
    }

    private static void readMapInto(Reader r, Map<String, Object> into) {
        int n = r.count();
        for (int i = 0; i < n; i++) {
            into.put(r.readString(), readValue(r));
        }
    }

    private static Object readValue(Reader r) {
        byte tag = (byte) r.readByte();
        switch (tag) {
            case T_NULL:
                return null;
            case T_STRING:
                return r.readString();
            case T_LONG:
                return r.readLong();
            case T_DOUBLE:
                return Double.longBitsToDouble(r.readLong());
            case T_TRUE:
                return Boolean.TRUE;
            case T_FALSE:
                return Boolean.FALSE;
            case T_LIST: {
                int n = r.count();
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(readValue(r));
                }
                return list;
            }
            case T_MAP: {
                Map<String, Object> map = new LinkedHashMap<>();
                readMapInto(r, map);
                return map;
            }
            default:
                throw new IllegalArgumentException("unknown value tag " + tag + " at byte " + (r.pos - 1));
        }
    }

    private static void writeString(ByteArrayBuilder out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt(out, b.length);
        out.write(b);
    }

    static void writeInt(ByteArrayBuilder out, int v) {
        out.write(v >>> 24).write(v >>> 16).write(v >>> 8).write(v);
    }

    static void writeLong(ByteArrayBuilder out, long v) {
        writeInt(out, (int) (v >>> 32));
        writeInt(out, (int) v);
    }

    /** Bounds-checked sequential reads; every failure is an IllegalArgumentException. */
    private static final class Reader {
        private final byte[] data;
        private int pos;
        private final int end;

        Reader(byte[] data, int pos, int end) {
            this.data = data;
            this.pos = pos;
            this.end = end;
        }

        private void need(int n) {
            if (n < 0 || end - pos < n) {
                throw new IllegalArgumentException("record ends early: need " + n + " bytes at byte " + pos);
            }
        }

        int readByte() {
            need(1);
            return data[pos++] & 0xFF;
        }

        int readInt() {
            need(4);
            int v = ((data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8)
                    | (data[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        /** A non-negative count or length that fits in what is left. */
        int count() {
            int n = readInt();
            if (n < 0 || n > end - pos) {
                throw new IllegalArgumentException("bad length " + n + " at byte " + (pos - 4));
            }
            return n;
        }

        long readLong() {
            return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
        }

        int take(int n) {
            need(n);
            int at = pos;
            pos += n;
            return at;
        }

        String readString() {
            int n = count();
            String s = new String(data, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }
    }
}
