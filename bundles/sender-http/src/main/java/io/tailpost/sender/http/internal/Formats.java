package io.tailpost.sender.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.json.ByteArrayBuilder;
import io.tailpost.sdk.json.EventJson;

/** The JSON and text formats; OTLP lives in {@link OtlpProtobufFormat} and {@link OtlpJsonFormat}. */
final class Formats {
    static final String NDJSON = "ndjson";
    static final String JSON_ARRAY = "json_array";
    static final String ES_BULK = "es_bulk";
    static final String LOKI = "loki";
    static final String SPLUNK_HEC = "splunk_hec";
    static final String OTLP_PROTOBUF = "otlp_protobuf";
    static final String OTLP_JSON = "otlp_json";
    static final String RAW = "raw";

    /** Every format name, in the order messages list them. */
    static final List<String> NAMES = List.of(NDJSON, JSON_ARRAY, ES_BULK, LOKI, SPLUNK_HEC, OTLP_PROTOBUF,
            OTLP_JSON, RAW);

    private Formats() {
    }

    /** The format called {@code name}, set up from the checked settings. */
    static BodyFormat create(HttpSenderSettings s) {
        return switch (s.format()) {
            case NDJSON -> new Ndjson();
            case JSON_ARRAY -> new JsonArray();
            case ES_BULK -> new ElasticBulk(s.esIndex(), s.esAction());
            case LOKI -> new Loki(s.lokiLabels());
            case SPLUNK_HEC -> new SplunkHec(s.splunkIndex(), s.splunkSourcetype(), s.splunkHost());
            case OTLP_PROTOBUF -> new OtlpProtobufFormat(s.otlpServiceName());
            case OTLP_JSON -> new OtlpJsonFormat(s.otlpServiceName());
            case RAW -> new RawLines();
            default -> throw new IllegalArgumentException("format '" + s.format() + "' is not supported");
        };
    }

    /** One JSON object per event and line ({@code application/x-ndjson}). */
    static final class Ndjson extends BodyFormat {
        @Override
        String contentType() {
            return "application/x-ndjson";
        }

        @Override
        void writeEvent(LogEvent e, ByteArrayBuilder event, ByteArrayBuilder tmp) {
            EventJson.writeEvent(e, event);
            event.write('\n');
        }
    }

    /** One JSON array of event objects. */
    static final class JsonArray extends BodyFormat.JsonEnvelope {
        JsonArray() {
            super(new byte[] {'['}, "]");
        }

        @Override
        void writeEvent(LogEvent e, ByteArrayBuilder event, ByteArrayBuilder tmp) {
            EventJson.writeEvent(e, event);
        }
    }

    /**
     * The Elasticsearch / OpenSearch bulk API: per event an action line ({@code create}
     * or {@code index}, with {@code _index} when configured) and the document with
     * {@code @timestamp}.
     */
    static final class ElasticBulk extends BodyFormat {
        private final byte[] action;

        ElasticBulk(String index, String action) {
            ByteArrayBuilder b = new ByteArrayBuilder(64);
            b.writeAscii("{\"").writeAscii(action).writeAscii("\":{");
            if (!index.isEmpty()) {
                b.writeAscii("\"_index\":");
                EventJson.writeString(index, b);
            }
            b.writeAscii("}}\n");
            this.action = b.toByteArray();
        }

        @Override
        String contentType() {
            return "application/x-ndjson";
        }

        @Override
        boolean answersPerEvent() {
            return true;
        }

        @Override
        void writeEvent(LogEvent e, ByteArrayBuilder event, ByteArrayBuilder tmp) {
            event.write(action);
            EventWriter.writeObject(e, "@timestamp", event);
            event.write('\n');
        }
    }

    /**
     * Grafana Loki's push API in JSON: one stream with the configured labels, one value
     * {@code ["<unix ns>", "<line>"]} per event.
     */
    static final class Loki extends BodyFormat.JsonEnvelope {
        Loki(List<String[]> labels) {
            super(head(labels), "]}]}");
        }

        private static byte[] head(List<String[]> labels) {
            ByteArrayBuilder b = new ByteArrayBuilder(64);
            b.writeAscii("{\"streams\":[{\"stream\":{");
            for (int i = 0; i < labels.size(); i++) {
                if (i > 0) {
                    b.write(',');
                }
                EventJson.writeString(labels.get(i)[0], b);
                b.write(':');
                EventJson.writeString(labels.get(i)[1], b);
            }
            b.writeAscii("},\"values\":[");
            return b.toByteArray();
        }

        @Override
        void writeEvent(LogEvent e, ByteArrayBuilder event, ByteArrayBuilder tmp) {
            event.write('[');
            EventWriter.writeNanosString(e.timeUnixNanos(), event);
            event.write(',');
            EventWriter.writeLineString(e, event, tmp);
            event.write(']');
        }
    }

    /**
     * Splunk's HTTP Event Collector ({@code /services/collector/event}): one JSON object
     * per event with {@code time} (seconds, millisecond fraction), the configured
     * {@code index}, {@code sourcetype} and {@code host}, the event's {@code source},
     * and {@code event}: the message, or an object when the event has fields.
     */
    static final class SplunkHec extends BodyFormat.Separated {
        private final byte[] constant;

        SplunkHec(String index, String sourcetype, String host) {
            super('\n');
            ByteArrayBuilder b = new ByteArrayBuilder(64);
            if (!index.isEmpty()) {
                b.writeAscii(",\"index\":");
                EventJson.writeString(index, b);
            }
            if (!sourcetype.isEmpty()) {
                b.writeAscii(",\"sourcetype\":");
                EventJson.writeString(sourcetype, b);
            }
            if (!host.isEmpty()) {
                b.writeAscii(",\"host\":");
                EventJson.writeString(host, b);
            }
            this.constant = b.toByteArray();
        }

        @Override
        String contentType() {
            return "application/json";
        }

        @Override
        void writeEvent(LogEvent e, ByteArrayBuilder event, ByteArrayBuilder tmp) {
            long nanos = e.timeUnixNanos();
            long millis = Math.floorDiv(nanos, 1_000_000L);
            event.writeAscii("{\"time\":").writeDecimal(Math.floorDiv(millis, 1000L)).write('.');
            long fraction = Math.floorMod(millis, 1000L);
            event.write('0' + (int) (fraction / 100)).write('0' + (int) (fraction / 10 % 10)).write('0' + (int) (fraction % 10));
            event.write(constant);
            if (e.source() != null) {
                event.writeAscii(",\"source\":");
                EventJson.writeString(e.source(), event);
            }
            event.writeAscii(",\"event\":");
            if (e.hasMessage() && !e.hasFields()) {
                EventJson.writeUtf8String(e.messageArray(), e.messageOffset(), e.messageLength(), event);
            } else {
                EventWriter.writeObject(e, null, event);
            }
            event.write('}');
        }
    }

    /**
     * Plain text: each event's message and a line break ({@code text/plain}); an event
     * without a message is written as its JSON object.
     */
    static final class RawLines extends BodyFormat {
        @Override
        String contentType() {
            return "text/plain; charset=utf-8";
        }

        @Override
        void writeEvent(LogEvent e, ByteArrayBuilder event, ByteArrayBuilder tmp) {
            if (e.hasMessage()) {
                event.write(e.messageArray(), e.messageOffset(), e.messageLength());
            } else {
                EventJson.writeEvent(e, event);
            }
            event.write('\n');
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
