package io.tailpost.sender.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.Plugins;
import io.tailpost.sdk.sender.SendOutcome.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

/** Every format sent to a real server and read back with a parser of that format. */
class HttpFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_700_000_000_123_456_789L;

    private RecordingServer server;
    private final List<HttpSender> senders = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = new RecordingServer();
    }

    @AfterEach
    void stop() {
        senders.forEach(HttpSender::deactivate);
        server.close();
    }

    private RecordingServer.Request send(Map<String, Object> config, List<LogEvent> batch) throws Exception {
        Map<String, Object> props = new HashMap<>(config);
        props.put("url", server.url("/in"));
        props.put(Plugins.ID, "formats");
        HttpSender sender = new HttpSender(Converters.standardConverter().convert(props).to(HttpSenderConfig.class), props);
        senders.add(sender);
        assertThat(sender.send(batch).toCompletableFuture().get(10, TimeUnit.SECONDS).kind()).isEqualTo(Kind.DELIVERED);
        return server.take();
    }

    /** A plain line, an event with typed fields and a source, tricky text, and invalid UTF-8. */
    private static List<LogEvent> sample() {
        byte[] plain = "GET /index.html 200".getBytes(StandardCharsets.UTF_8);
        LogEvent first = LogEvent.ofBytes(plain, 0, plain.length, T0);
        LogEvent second = LogEvent.ofMessage("disk almost full");
        second.setTimeUnixNanos(T0 + 1_000_000);
        second.setSource("/var/log/app.log");
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", 42L);
        user.put("name", "ann");
        second.fields().put("level", "warn");
        second.fields().put("user", user);
        second.fields().put("ratio", 0.5);
        second.fields().put("ok", true);
        second.fields().put("tags", List.of("a", "b"));
        LogEvent third = LogEvent.ofMessage("quote \" backslash \\ newline \n tab \t é €");
        third.setTimeUnixNanos(T0 + 2_000_000);
        byte[] invalid = {'b', 'a', 'd', ' ', (byte) 0xC3, (byte) 0x28, ' ', 'x'};
        LogEvent fourth = LogEvent.ofBytes(invalid, 0, invalid.length, T0 + 3_000_000);
        return List.of(first, second, third, fourth);
    }

    private static final String THIRD = "quote \" backslash \\ newline \n tab \t é €";
    private static final String FOURTH = "bad \uFFFD( x";

    @Test
    void ndjson() throws Exception {
        RecordingServer.Request r = send(Map.of("format", "ndjson"), sample());

        assertThat(r.header("Content-Type")).isEqualTo("application/x-ndjson");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.bodyText().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(n -> n.get("message").asText())
                .containsExactly("GET /index.html 200", "disk almost full", THIRD, FOURTH);
        assertThat(lines.get(0).get("timestamp").asText()).isEqualTo("2023-11-14T22:13:20.123456789Z");
        assertThat(lines.get(1).get("user").get("id").asLong()).isEqualTo(42);
        assertThat(lines.get(1).get("source").asText()).isEqualTo("/var/log/app.log");
    }

    @Test
    void jsonArray() throws Exception {
        RecordingServer.Request r = send(Map.of("format", "json_array"), sample());

        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        JsonNode array = JSON.readTree(r.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array).extracting(n -> n.get("message").asText())
                .containsExactly("GET /index.html 200", "disk almost full", THIRD, FOURTH);
        assertThat(array.get(1).get("tags").get(1).asText()).isEqualTo("b");
    }

    @Test
    void elasticsearchBulk() throws Exception {
        RecordingServer.Request r = send(Map.of("format", "es_bulk", "elasticsearch.index", "logs-app"), sample());

        assertThat(r.header("Content-Type")).isEqualTo("application/x-ndjson");
        assertThat(r.bodyText()).endsWith("\n");
        String[] lines = r.bodyText().split("\n");
        assertThat(lines).hasSize(8);
        for (int i = 0; i < 8; i += 2) {
            assertThat(JSON.readTree(lines[i]).get("create").get("_index").asText()).isEqualTo("logs-app");
        }
        JsonNode doc = JSON.readTree(lines[3]);
        assertThat(doc.get("@timestamp").asText()).isEqualTo("2023-11-14T22:13:20.124456789Z");
        assertThat(doc.get("message").asText()).isEqualTo("disk almost full");
        assertThat(doc.get("level").asText()).isEqualTo("warn");
        assertThat(JSON.readTree(lines[5]).get("message").asText()).isEqualTo(THIRD);

        RecordingServer.Request indexAction = send(Map.of("format", "es_bulk", "elasticsearch.action", "index"),
                List.of(LogEvent.ofMessage("x")));
        assertThat(indexAction.bodyText().split("\n")[0]).isEqualTo("{\"index\":{}}");
    }

    @Test
    void lokiPush() throws Exception {
        RecordingServer.Request r = send(Map.of("format", "loki", "loki.labels", new String[] {"job=app", "env=prod"}),
                sample());

        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        JsonNode streams = JSON.readTree(r.body()).get("streams");
        assertThat(streams).hasSize(1);
        assertThat(streams.get(0).get("stream").get("job").asText()).isEqualTo("app");
        assertThat(streams.get(0).get("stream").get("env").asText()).isEqualTo("prod");
        JsonNode values = streams.get(0).get("values");
        assertThat(values).hasSize(4);
        assertThat(values.get(0).get(0).isTextual()).isTrue();
        assertThat(values.get(0).get(0).asText()).isEqualTo(Long.toString(T0));
        assertThat(values.get(0).get(1).asText()).isEqualTo("GET /index.html 200");
        // An event with fields keeps them: its line is the event as JSON.
        JsonNode second = JSON.readTree(values.get(1).get(1).asText());
        assertThat(second.get("message").asText()).isEqualTo("disk almost full");
        assertThat(second.get("level").asText()).isEqualTo("warn");
        assertThat(values.get(2).get(1).asText()).isEqualTo(THIRD);
    }

    @Test
    void splunkHec() throws Exception {
        RecordingServer.Request r = send(Map.of("format", "splunk_hec", "splunk.index", "main",
                "splunk.sourcetype", "app:log", "splunk.host", "web-1"), sample());

        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        List<JsonNode> events = new ArrayList<>();
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(r.body())) {
            it.forEachRemaining(events::add);
        }
        assertThat(events).hasSize(4);
        assertThat(events.get(0).get("time").decimalValue()).isEqualByComparingTo("1700000000.123");
        assertThat(events.get(0).get("event").asText()).isEqualTo("GET /index.html 200");
        assertThat(events.get(0).get("index").asText()).isEqualTo("main");
        assertThat(events.get(0).get("sourcetype").asText()).isEqualTo("app:log");
        assertThat(events.get(0).get("host").asText()).isEqualTo("web-1");
        assertThat(events.get(1).get("source").asText()).isEqualTo("/var/log/app.log");
        assertThat(events.get(1).get("event").get("message").asText()).isEqualTo("disk almost full");
        assertThat(events.get(1).get("event").get("user").get("name").asText()).isEqualTo("ann");
        assertThat(events.get(2).get("event").asText()).isEqualTo(THIRD);
    }

    @Test
    void rawLines() throws Exception {
        LogEvent fieldsOnly = LogEvent.empty();
        fieldsOnly.fields().put("k", "v");
        RecordingServer.Request r = send(Map.of("format", "raw"),
                List.of(LogEvent.ofMessage("one"), LogEvent.ofMessage("two"), fieldsOnly));

        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        String[] lines = r.bodyText().split("\n", -1);
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("one");
        assertThat(lines[1]).isEqualTo("two");
        assertThat(JSON.readTree(lines[2]).get("k").asText()).isEqualTo("v");
        assertThat(lines[3]).isEmpty();
    }

    @Test
    void otlpProtobufDecodesWithTheOpenTelemetryClasses() throws Exception {
        RecordingServer.Request r = send(Map.of("format", "otlp_protobuf", "otlp.service.name", "checkout"), sample());

        assertThat(r.header("Content-Type")).isEqualTo("application/x-protobuf");
        assertOtlp(LogsData.parseFrom(r.body()));
    }

    @Test
    void otlpJsonDecodesWithTheOpenTelemetryClasses() throws Exception {
        RecordingServer.Request r = send(Map.of("format", "otlp_json", "otlp.service.name", "checkout"), sample());

        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        LogsData.Builder data = LogsData.newBuilder();
        JsonFormat.parser().merge(r.bodyText(), data);
        assertOtlp(data.build());
    }

    @Test
    void otlpProtobufLargeBatchWithLongServiceName() throws Exception {
        List<LogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            LogEvent e = LogEvent.ofMessage("event number " + i + " " + "x".repeat(i % 50));
            e.setTimeUnixNanos(T0 + i);
            batch.add(e);
        }
        RecordingServer.Request r = send(Map.of("format", "otlp_protobuf", "otlp.service.name", "s".repeat(300)), batch);

        LogsData data = LogsData.parseFrom(r.body());
        List<LogRecord> records = data.getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
        assertThat(records).hasSize(3000);
        assertThat(records.get(2999).getBody().getStringValue()).isEqualTo("event number 2999 " + "x".repeat(2999 % 50));
        assertThat(records.get(2999).getTimeUnixNano()).isEqualTo(T0 + 2999);
        assertThat(data.getResourceLogs(0).getResource().getAttributes(0).getValue().getStringValue())
                .hasSize(300);
    }

    private static void assertOtlp(LogsData data) {
        assertThat(data.getResourceLogsCount()).isEqualTo(1);
        var resourceLogs = data.getResourceLogs(0);
        assertThat(resourceLogs.getResource().getAttributesList())
                .containsExactly(kv("service.name", AnyValue.newBuilder().setStringValue("checkout").build()));
        assertThat(resourceLogs.getScopeLogsCount()).isEqualTo(1);
        assertThat(resourceLogs.getScopeLogs(0).getScope().getName()).isEqualTo("tailpost");
        List<LogRecord> records = resourceLogs.getScopeLogs(0).getLogRecordsList();
        assertThat(records).extracting(rec -> rec.getBody().getStringValue())
                .containsExactly("GET /index.html 200", "disk almost full", THIRD, FOURTH);
        assertThat(records).extracting(LogRecord::getTimeUnixNano)
                .containsExactly(T0, T0 + 1_000_000, T0 + 2_000_000, T0 + 3_000_000);
        assertThat(records.get(0).getObservedTimeUnixNano()).isEqualTo(T0);
        assertThat(records.get(0).getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_UNSPECIFIED);
        assertThat(records.get(0).getAttributesList()).isEmpty();

        LogRecord second = records.get(1);
        assertThat(second.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_WARN);
        assertThat(second.getSeverityText()).isEqualTo("warn");
        Map<String, AnyValue> attributes = new LinkedHashMap<>();
        second.getAttributesList().forEach(a -> attributes.put(a.getKey(), a.getValue()));
        assertThat(attributes).containsOnlyKeys("user", "ratio", "ok", "tags", "log.file.path");
        assertThat(attributes.get("user").getKvlistValue().getValuesList()).containsExactly(
                kv("id", AnyValue.newBuilder().setIntValue(42).build()),
                kv("name", AnyValue.newBuilder().setStringValue("ann").build()));
        assertThat(attributes.get("ratio").getDoubleValue()).isEqualTo(0.5);
        assertThat(attributes.get("ok").getBoolValue()).isTrue();
        assertThat(attributes.get("tags").getArrayValue().getValuesList())
                .extracting(AnyValue::getStringValue).containsExactly("a", "b");
        assertThat(attributes.get("log.file.path").getStringValue()).isEqualTo("/var/log/app.log");
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }
}
