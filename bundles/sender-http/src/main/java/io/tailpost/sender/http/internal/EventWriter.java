package io.tailpost.sender.http.internal;

import java.util.Map;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.json.ByteArrayBuilder;
import io.tailpost.sdk.json.EventJson;

/** JSON pieces the formats share, written straight into bytes. */
final class EventWriter {
    private EventWriter() {
    }

    /**
     * Writes the event as a JSON object: {@code timestampKey} (RFC 3339; left out when
     * {@code null}), {@code message}, {@code source}, then the fields. A field named like
     * one of those keys replaces it.
     */
    static void writeObject(LogEvent e, String timestampKey, ByteArrayBuilder out) {
        boolean hasFields = e.hasFields();
        Map<String, Object> fields = hasFields ? e.fields() : null;
        out.write('{');
        boolean first = true;
        if (timestampKey != null && (!hasFields || !fields.containsKey(timestampKey))) {
            out.write('"').writeAscii(timestampKey).writeAscii("\":\"");
            EventJson.writeTimestamp(e.timeUnixNanos(), out);
            out.write('"');
            first = false;
        }
        if (e.hasMessage() && (!hasFields || !fields.containsKey("message"))) {
            if (!first) {
                out.write(',');
            }
            out.writeAscii("\"message\":");
            EventJson.writeUtf8String(e.messageArray(), e.messageOffset(), e.messageLength(), out);
            first = false;
        }
        if (e.source() != null && (!hasFields || !fields.containsKey("source"))) {
            if (!first) {
                out.write(',');
            }
            out.writeAscii("\"source\":");
            EventJson.writeString(e.source(), out);
            first = false;
        }
        if (hasFields) {
            EventJson.writeMembers(fields, first, out);
        }
        out.write('}');
    }

    /**
     * Writes the event's line as a JSON string: the message when the event has no
     * fields, else the whole event as a JSON object (without timestamp), so fields are
     * never lost. {@code tmp} is scratch space.
     */
    static void writeLineString(LogEvent e, ByteArrayBuilder out, ByteArrayBuilder tmp) {
        if (e.hasMessage() && !e.hasFields()) {
            EventJson.writeUtf8String(e.messageArray(), e.messageOffset(), e.messageLength(), out);
        } else {
            tmp.reset();
            writeObject(e, null, tmp);
            EventJson.writeUtf8String(tmp.array(), 0, tmp.size(), out);
        }
    }

    /** Writes {@code unixNanos} as a JSON string of decimal digits, as OTLP/JSON and Loki want. */
    static void writeNanosString(long unixNanos, ByteArrayBuilder out) {
        out.write('"').writeDecimal(unixNanos).write('"');
    }
}
