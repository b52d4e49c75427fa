package io.tailpost.sender.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.json.ByteArrayBuilder;

/**
 * OTLP/HTTP logs in protobuf ({@code application/x-protobuf}): one {@code LogsData}
 * with one {@code ResourceLogs} (attribute {@code service.name}) and one
 * {@code ScopeLogs} (scope {@code tailpost}) holding a {@code LogRecord} per event:
 * {@code time_unix_nano}, {@code observed_time_unix_nano}, severity from a
 * {@code level}/{@code severity} field, {@code body} = the message, {@code attributes}
 * = the other fields and {@code log.file.path} = the source. Written by hand on bytes
 * (field numbers of opentelemetry/proto/logs/v1 and common/v1).
 *
 * <p>The outer messages' lengths are known only at the end: the body starts after
 * {@link #HEADROOM} free bytes and {@link #close} writes the headers backwards in front
 * of the records.
 */
final class OtlpProtobufFormat extends BodyFormat {
    static final int HEADROOM = 16;
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LEN = 2;

    /** ResourceLogs.resource and ScopeLogs.scope, ready to copy: they do not depend on the batch. */
    private final byte[] resourceField;
    private final byte[] scopeField;

    OtlpProtobufFormat(String serviceName) {
        ByteArrayBuilder resource = new ByteArrayBuilder(64);
        if (!serviceName.isEmpty()) {
            writeKeyValue("service.name", serviceName, resource);
        }
        ByteArrayBuilder r = new ByteArrayBuilder(64);
        writeLen(1, resource, r); // ResourceLogs.resource = Resource{attributes(1)}
        this.resourceField = r.toByteArray();

        ByteArrayBuilder scope = new ByteArrayBuilder(32);
        writeString(1, Otlp.SCOPE_NAME, scope); // InstrumentationScope.name
        ByteArrayBuilder s = new ByteArrayBuilder(32);
        writeLen(1, scope, s); // ScopeLogs.scope
        this.scopeField = s.toByteArray();
    }

    @Override
    String contentType() {
        return "application/x-protobuf";
    }

    @Override
    void open(ByteArrayBuilder out) {
        for (int i = 0; i < HEADROOM; i++) {
            out.write(0);
        }
        out.write(scopeField);
    }

    @Override
    void writeEvent(LogEvent e, ByteArrayBuilder event, ByteArrayBuilder tmp) {
        writeTag(1, WIRE_FIXED64, event);
        writeFixed64(e.timeUnixNanos(), event);
        String levelKey = Otlp.levelKey(e);
        if (levelKey != null) {
            String level = (String) e.fields().get(levelKey);
            int number = Otlp.severityNumber(level);
            if (number != 0) {
                writeTag(2, WIRE_VARINT, event);
                writeVarint(number, event);
            }
            writeString(3, level, event);
        }
        if (e.hasMessage()) {
            // body = AnyValue{string_value(1)}
            int len = Utf8.sanitizedLength(e.messageArray(), e.messageOffset(), e.messageLength());
            writeTag(5, WIRE_LEN, event);
            writeVarint(1 + varintSize(len) + len, event);
            writeTag(1, WIRE_LEN, event);
            writeVarint(len, event);
            Utf8.writeSanitized(e.messageArray(), e.messageOffset(), e.messageLength(), event);
        }
        if (e.hasFields()) {
            for (Map.Entry<String, Object> f : e.fields().entrySet()) {
                if (!f.getKey().equals(levelKey)) {
                    writeAttribute(f.getKey(), f.getValue(), event);
                }
            }
        }
        if (e.source() != null) {
            writeAttribute(Otlp.SOURCE_ATTRIBUTE, e.source(), event);
        }
        writeTag(11, WIRE_FIXED64, event);
        writeFixed64(e.timeUnixNanos(), event);
    }

    @Override
    boolean writesInPlace() {
        return false; // each event is framed with its length, known only once it is written
    }

    @Override
    void append(ByteArrayBuilder out, ByteArrayBuilder event, boolean first) {
        writeTag(2, WIRE_LEN, out); // ScopeLogs.log_records
        writeVarint(event.size(), out);
        out.write(event.array(), 0, event.size());
    }

    @Override
    int appendOverhead(int eventSize, boolean first) {
        return 1 + varintSize(eventSize);
    }

    @Override
    int close(ByteArrayBuilder out) {
        int scopeLogsSize = out.size() - HEADROOM;
        int resourceLogsSize = resourceField.length + 1 + varintSize(scopeLogsSize) + scopeLogsSize;
        // LogsData.resource_logs(1) { resource(1) ...; scope_logs(2) { ... } }
        ByteArrayBuilder header = new ByteArrayBuilder(HEADROOM + resourceField.length);
        writeTag(1, WIRE_LEN, header);
        writeVarint(resourceLogsSize, header);
        header.write(resourceField);
        writeTag(2, WIRE_LEN, header);
        writeVarint(scopeLogsSize, header);
        if (header.size() > HEADROOM) {
            // A long service name: shift the records to make room (rare, configuration-bound).
            int extra = header.size() - HEADROOM;
            int size = out.size();
            out.ensure(extra);
            for (int i = 0; i < extra; i++) {
                out.write(0);
            }
            System.arraycopy(out.array(), HEADROOM, out.array(), HEADROOM + extra, size - HEADROOM);
            System.arraycopy(header.array(), 0, out.array(), 0, header.size());
            return 0;
        }
        int start = HEADROOM - header.size();
        System.arraycopy(header.array(), 0, out.array(), start, header.size());
        return start;
    }

    @Override
    int closeOverhead() {
        return resourceField.length + 12 - HEADROOM;
    }

    // --- protobuf wire format helpers ---

    private static void writeAttribute(String key, Object value, ByteArrayBuilder out) {
        writeTag(6, WIRE_LEN, out); // LogRecord.attributes
        writeVarint(keyValueSize(key, value), out);
        writeKeyValueBody(key, value, out);
    }

    /** A KeyValue as field 1 (Resource.attributes). */
    private static void writeKeyValue(String key, Object value, ByteArrayBuilder out) {
        writeTag(1, WIRE_LEN, out);
        writeVarint(keyValueSize(key, value), out);
        writeKeyValueBody(key, value, out);
    }

    private static void writeKeyValueBody(String key, Object value, ByteArrayBuilder out) {
        writeString(1, key, out);
        writeTag(2, WIRE_LEN, out);
        writeVarint(anyValueSize(value), out);
        writeAnyValue(value, out);
    }

    private static int keyValueSize(String key, Object value) {
        int k = Utf8.length(key);
        int v = anyValueSize(value);
        return 1 + varintSize(k) + k + 1 + varintSize(v) + v;
    }

    private static int anyValueSize(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Boolean) {
            return 2;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return 1 + varintSize(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return 9;
        }
        if (value instanceof Map<?, ?> m) {
            int size = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                int kv = keyValueSize(String.valueOf(e.getKey()), e.getValue());
                size += 1 + varintSize(kv) + kv;
            }
            return 1 + varintSize(size) + size;
        }
        if (value instanceof Collection<?> c) {
            int size = 0;
            for (Object o : c) {
                int v = anyValueSize(o);
                size += 1 + varintSize(v) + v;
            }
            return 1 + varintSize(size) + size;
        }
        int len = Utf8.length(String.valueOf(value));
        return 1 + varintSize(len) + len;
    }

    private static void writeAnyValue(Object value, ByteArrayBuilder out) {
        if (value == null) {
            return; // an empty AnyValue: no value set
        }
        if (value instanceof Boolean b) {
            writeTag(2, WIRE_VARINT, out);
            out.write(b ? 1 : 0);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            writeTag(3, WIRE_VARINT, out);
            writeVarint(((Number) value).longValue(), out);
        } else if (value instanceof Double || value instanceof Float) {
            writeTag(4, WIRE_FIXED64, out);
            writeFixed64(Double.doubleToRawLongBits(((Number) value).doubleValue()), out);
        } else if (value instanceof Map<?, ?> m) {
            writeTag(6, WIRE_LEN, out); // kvlist_value = KeyValueList{values(1)}
            int inner = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                int kv = keyValueSize(String.valueOf(e.getKey()), e.getValue());
                inner += 1 + varintSize(kv) + kv;
            }
            writeVarint(inner, out);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                writeKeyValue(String.valueOf(e.getKey()), e.getValue(), out);
            }
        } else if (value instanceof Collection<?> c) {
            writeTag(5, WIRE_LEN, out); // array_value = ArrayValue{values(1)}
            int inner = 0;
            for (Object o : c) {
                int v = anyValueSize(o);
                inner += 1 + varintSize(v) + v;
            }
            writeVarint(inner, out);
            for (Object o : c) {
                writeTag(1, WIRE_LEN, out);
                writeVarint(anyValueSize(o), out);
                writeAnyValue(o, out);
            }
        } else {
            writeString(1, String.valueOf(value), out);
        }
    }

    private static void writeString(int field, String s, ByteArrayBuilder out) {
        writeTag(field, WIRE_LEN, out);
        writeVarint(Utf8.length(s), out);
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeLen(int field, ByteArrayBuilder content, ByteArrayBuilder out) {
        writeTag(field, WIRE_LEN, out);
        writeVarint(content.size(), out);
        out.write(content.array(), 0, content.size());
    }

    private static void writeTag(int field, int wireType, ByteArrayBuilder out) {
        writeVarint((field << 3) | wireType, out);
    }

    static void writeVarint(long v, ByteArrayBuilder out) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            n++;
            v >>>= 7;
        }
        return n;
    }

    private static void writeFixed64(long v, ByteArrayBuilder out) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }
}
