package io.tailpost.sender.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.Plugins;
import io.tailpost.sdk.sender.SendOutcome;
import io.tailpost.sdk.sender.SendOutcome.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

class HttpSenderTest {
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

    private HttpSender sender(Map<String, Object> config) {
        Map<String, Object> props = new HashMap<>(config);
        props.put(Plugins.ID, "test-http");
        HttpSenderConfig cfg = Converters.standardConverter().convert(props).to(HttpSenderConfig.class);
        HttpSender sender = new HttpSender(cfg, props);
        senders.add(sender);
        return sender;
    }

    private static SendOutcome await(CompletionStage<SendOutcome> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static List<LogEvent> events(String... messages) {
        List<LogEvent> batch = new ArrayList<>();
        for (String m : messages) {
            batch.add(LogEvent.ofMessage(m));
        }
        return batch;
    }

    @Test
    void postsTheBatchAsNdjsonAndReportsDelivered() throws Exception {
        HttpSender sender = sender(Map.of("url", server.url("/ingest?tenant=a")));

        SendOutcome outcome = await(sender.send(events("first", "with \"quotes\"\nand a line break", "third")));

        assertThat(outcome.kind()).isEqualTo(Kind.DELIVERED);
        RecordingServer.Request request = server.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/ingest?tenant=a");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-ndjson");
        assertThat(request.header("Content-Encoding")).isNull();
        assertNdjsonMessages(request.bodyText(), "first", "with \\\"quotes\\\"\\nand a line break", "third");
    }

    @Test
    void gzipBodyDecompressesToTheSameNdjson() throws Exception {
        HttpSender plain = sender(Map.of("url", server.url("/plain")));
        HttpSender gzip = sender(Map.of("url", server.url("/gzip"), "compression", "gzip"));
        List<LogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            byte[] line = ("event " + i + " " + Integer.toHexString(i * 7919)).getBytes(StandardCharsets.UTF_8);
            batch.add(LogEvent.ofBytes(line, 0, line.length, 1_000_000_000L * i));
        }

        assertThat(await(plain.send(batch)).kind()).isEqualTo(Kind.DELIVERED);
        RecordingServer.Request plainRequest = server.take();
        assertThat(await(gzip.send(batch)).kind()).isEqualTo(Kind.DELIVERED);
        RecordingServer.Request gzipRequest = server.take();

        assertThat(gzipRequest.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipRequest.header("Content-Type")).isEqualTo("application/x-ndjson");
        assertThat(gzipRequest.body().length).isLessThan(plainRequest.body().length / 2);
        byte[] inflated = new GZIPInputStream(new ByteArrayInputStream(gzipRequest.body())).readAllBytes();
        assertThat(inflated).isEqualTo(plainRequest.body());
        assertThat(new String(inflated, StandardCharsets.UTF_8).split("\n")).hasSize(5000);
    }

    @Test
    void configuredHeadersArrive() throws Exception {
        HttpSender sender = sender(Map.of("url", server.url("/"),
                "headers", new String[] {"Authorization: Bearer abc.def", "X-Scope-OrgID:  team-1 "}));

        await(sender.send(events("x")));

        RecordingServer.Request request = server.take();
        assertThat(request.header("Authorization")).isEqualTo("Bearer abc.def");
        assertThat(request.header("X-Scope-OrgID")).isEqualTo("team-1");
    }

    @Test
    void serviceUnavailableIsRetryable() throws Exception {
        server.answer(new RecordingServer.Answer(503, Map.of(), "overloaded"));
        HttpSender sender = sender(Map.of("url", server.url("/")));

        SendOutcome outcome = await(sender.send(events("x")));

        assertThat(outcome.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(outcome.reason()).isEqualTo("HTTP 503: overloaded");
        assertThat(outcome.retryAfter()).isNull();
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws Exception {
        server.answer(new RecordingServer.Answer(429, Map.of("Retry-After", "7"), ""));
        HttpSender sender = sender(Map.of("url", server.url("/")));

        SendOutcome outcome = await(sender.send(events("x")));

        assertThat(outcome.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(outcome.reason()).isEqualTo("HTTP 429");
        assertThat(outcome.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void badRequestIsRejectedWithStatusAndBodyExcerpt() throws Exception {
        String longBody = "field 'message' is missing\n" + "x".repeat(2000);
        server.answer(new RecordingServer.Answer(400, Map.of(), longBody));
        HttpSender sender = sender(Map.of("url", server.url("/")));

        SendOutcome outcome = await(sender.send(events("x")));

        assertThat(outcome.kind()).isEqualTo(Kind.REJECTED);
        assertThat(outcome.reason()).startsWith("HTTP 400: field 'message' is missing x");
        assertThat(outcome.reason()).hasSize("HTTP 400: ".length() + 512);
    }

    @Test
    void closedPortIsRetryable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        HttpSender sender = sender(Map.of("url", "http://127.0.0.1:" + port + "/"));

        SendOutcome outcome = await(sender.send(events("x")));

        assertThat(outcome.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(outcome.reason()).startsWith("cannot connect");
    }

    @Test
    void silentServerIsRetryableAfterTheTimeout() throws Exception {
        // The kernel accepts the connection into the backlog; nobody ever answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            HttpSender sender = sender(Map.of("url", "http://127.0.0.1:" + silent.getLocalPort() + "/",
                    "timeout", "300ms"));
            long start = System.nanoTime();

            SendOutcome outcome = await(sender.send(events("x")));

            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(outcome.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(outcome.reason()).startsWith("timed out");
            assertThat(elapsedMs).isBetween(250L, 2000L);
        }
    }

    @Test
    void aConfiguredProxyCarriesTheRequests() throws Exception {
        // A forward proxy receives the request in absolute form (POST http://host:port/path).
        List<String> seenByProxy = java.util.Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer proxy = com.sun.net.httpserver.HttpServer
                .create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            seenByProxy.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        proxy.start();
        try (ServerSocket unreachable = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // The destination itself never answers: only the proxy can deliver.
            String target = "http://127.0.0.1:" + unreachable.getLocalPort() + "/ingest";
            HttpSender sender = sender(Map.of("url", target, "timeout", "2s",
                    "proxy", "http://127.0.0.1:" + proxy.getAddress().getPort()));
            assertThat(await(sender.send(events("via proxy"))).kind()).isEqualTo(Kind.DELIVERED);
            assertThat(seenByProxy).containsExactly("POST " + target);
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void deactivationCompletesRequestsInFlight() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Deactivation waits up to the timeout for requests on the wire, then gives up on them.
            HttpSender sender = sender(Map.of("url", "http://127.0.0.1:" + silent.getLocalPort() + "/",
                    "timeout", "400ms"));
            CompletableFuture<SendOutcome> inFlight = sender.send(events("x")).toCompletableFuture();

            sender.deactivate();
            senders.remove(sender);

            assertThat(await(inFlight)).extracting(SendOutcome::kind, SendOutcome::reason)
                    .containsExactly(Kind.RETRYABLE, "sender stopped before the destination answered");
            assertThat(await(sender.send(events("y")))).extracting(SendOutcome::kind, SendOutcome::reason)
                    .containsExactly(Kind.RETRYABLE, "sender stopped before the destination answered");
        }
    }

    @Test
    void concurrentSendsKeepTheirBodiesApart() throws Exception {
        HttpSender sender = sender(Map.of("url", server.url("/"), "compression", "gzip"));
        List<CompletableFuture<SendOutcome>> stages = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (int b = 0; b < 12; b++) {
            String[] messages = new String[200 + b];
            for (int i = 0; i < messages.length; i++) {
                messages[i] = "batch " + b + " event " + i;
            }
            expected.add("batch " + b + " size " + messages.length);
            stages.add(sender.send(events(messages)).toCompletableFuture());
        }
        for (CompletableFuture<SendOutcome> stage : stages) {
            assertThat(await(stage).kind()).isEqualTo(Kind.DELIVERED);
        }

        Set<String> received = new HashSet<>();
        for (int b = 0; b < 12; b++) {
            String body = new String(new GZIPInputStream(new ByteArrayInputStream(server.take().body())).readAllBytes(),
                    StandardCharsets.UTF_8);
            String[] lines = body.split("\n");
            String batch = lines[0].replaceAll(".*\"message\":\"(batch \\d+) event 0\".*", "$1");
            for (int i = 0; i < lines.length; i++) {
                assertThat(lines[i]).contains("\"message\":\"" + batch + " event " + i + "\"");
            }
            received.add(batch + " size " + lines.length);
        }
        assertThat(received).isEqualTo(expected);
    }

    @Test
    void emptyBatchIsDeliveredWithoutARequest() throws Exception {
        HttpSender sender = sender(Map.of("url", server.url("/")));

        assertThat(await(sender.send(List.of())).kind()).isEqualTo(Kind.DELIVERED);
        await(sender.send(events("marker")));

        assertNdjsonMessages(server.take().bodyText(), "marker");
        assertThat(server.drained()).isEmpty();
    }

    @Test
    void acceptsTheCoreKeysAndRejectsAnUnsupportedFormat() {
        Map<String, Object> withCoreKeys = Map.of("url", server.url("/"), "batch.max.events", 10,
                "batch.max.bytes", 65536L, "batch.timeout.ms", 200, "retry.initial.ms", 50, "retry.max.ms", 1000);
        assertThat(sender(withCoreKeys)).isNotNull();

        assertThatThrownBy(() -> sender(Map.of("url", server.url("/"), "format", "csv")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 'csv' is not supported (supported: ndjson, json_array, es_bulk");
    }

    private static void assertNdjsonMessages(String body, String... escapedMessages) {
        assertThat(body).endsWith("\n");
        String[] lines = body.split("\n", -1);
        assertThat(lines).hasSize(escapedMessages.length + 1);
        for (int i = 0; i < escapedMessages.length; i++) {
            assertThat(lines[i]).startsWith("{\"timestamp\":\"").endsWith("}")
                    .contains("\"message\":\"" + escapedMessages[i] + "\"");
        }
        assertThat(lines[escapedMessages.length]).isEmpty();
    }
}
