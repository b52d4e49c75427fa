package io.tailpost.sender.http.internal;

import java.util.Collection;
import java.util.Map;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.json.ByteArrayBuilder;
import io.tailpost.sdk.json.EventJson;

/**
 * OTLP/HTTP logs in JSON ({@code application/json}): the same records as
 * {@link OtlpProtobufFormat}, in the protobuf JSON mapping OTLP prescribes
 * (lowerCamelCase names, 64-bit integers as strings, enums as numbers).
 */
final class OtlpJsonFormat extends BodyFormat.JsonEnvelope {
    OtlpJsonFormat(String serviceName) {
        super(head(serviceName), "]}]}]}");
    }

    private static byte[] head(String serviceName) {
        ByteArrayBuilder b = new ByteArrayBuilder(128);
        b.writeAscii("{\"resourceLogs\":[{\"resource\":{\"attributes\":[");
        if (!serviceName.isEmpty()) {
            writeKeyValue("service.name", serviceName, b);
        }
        b.writeAscii("]},\"scopeLogs\":[{\"scope\":{\"name\":");
        EventJson.writeString(Otlp.SCOPE_NAME, b);
        b.writeAscii("},\"logRecords\":[");
        return b.toByteArray();
    }

    @Override
    void writeEvent(LogEvent e, ByteArrayBuilder event, ByteArrayBuilder tmp) {
        event.writeAscii("{\"timeUnixNano\":");
        EventWriter.writeNanosString(e.timeUnixNanos(), event);
        event.writeAscii(",\"observedTimeUnixNano\":");
        EventWriter.writeNanosString(e.timeUnixNanos(), event);
        String levelKey = Otlp.levelKey(e);
        if (levelKey != null) {
            String level = (String) e.fields().get(levelKey);
            int number = Otlp.severityNumber(level);
            if (number != 0) {
                event.writeAscii(",\"severityNumber\":").writeDecimal(number);
            }
            event.writeAscii(",\"severityText\":");
            EventJson.writeString(level, event);
        }
        if (e.hasMessage()) {
            event.writeAscii(",\"body\":{\"stringValue\":");
            EventJson.writeUtf8String(e.messageArray(), e.messageOffset(), e.messageLength(), event);
            event.write('}');
        }
        event.writeAscii(",\"attributes\":[");
        boolean first = true;
        if (e.hasFields()) {
            for (Map.Entry<String, Object> f : e.fields().entrySet()) {
                if (f.getKey().equals(levelKey)) {
                    continue;
                }
                if (!first) {
                    event.write(',');
                }
                writeKeyValue(f.getKey(), f.getValue(), event);
                first = false;
            }
        }
        if (e.source() != null) {
            if (!first) {
                event.write(',');
            }
            writeKeyValue(Otlp.SOURCE_ATTRIBUTE, e.source(), event);
        }
        event.writeAscii("]}");
    }

    private static void writeKeyValue(String key, Object value, ByteArrayBuilder out) {
        out.writeAscii("{\"key\":");
        EventJson.writeString(key, out);
        out.writeAscii(",\"value\":");
        writeAnyValue(value, out);
        out.write('}');
    }

    private static void writeAnyValue(Object value, ByteArrayBuilder out) {
        if (value == null) {
            out.writeAscii("{}");
        } else if (value instanceof Boolean b) {
            out.writeAscii(b ? "{\"boolValue\":true}" : "{\"boolValue\":false}");
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.writeAscii("{\"intValue\":\"").writeDecimal(((Number) value).longValue()).writeAscii("\"}");
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            out.writeAscii("{\"doubleValue\":");
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                // The protobuf JSON mapping writes these as strings.
                out.write('"').writeAscii(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity").write('"');
            } else {
                EventJson.writeValue(d, out);
            }
            out.write('}');
        } else if (value instanceof Map<?, ?> m) {
            out.writeAscii("{\"kvlistValue\":{\"values\":[");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    out.write(',');
                }
                writeKeyValue(String.valueOf(e.getKey()), e.getValue(), out);
                first = false;
            }
            out.writeAscii("]}}");
        } else if (value instanceof Collection<?> c) {
            out.writeAscii("{\"arrayValue\":{\"values\":[");
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    out.write(',');
                }
                writeAnyValue(o, out);
                first = false;
            }
            out.writeAscii("]}}");
        } else {
            out.writeAscii("{\"stringValue\":");
            EventJson.writeString(String.valueOf(value), out);
            out.write('}');
        }
    }
}
