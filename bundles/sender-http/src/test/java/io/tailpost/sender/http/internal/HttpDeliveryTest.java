package io.tailpost.sender.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.github.luben.zstd.Zstd;
import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.Plugins;
import io.tailpost.sdk.security.RequestAuthenticator;
import io.tailpost.sdk.security.TlsContextProvider;
import io.tailpost.sdk.sender.SendOutcome;
import io.tailpost.sdk.sender.SendOutcome.Kind;
import io.tailpost.sdk.testing.InMemoryMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import io.tailpost.security.tls.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;

/** Compression, size limits, endpoints, TLS, authentication and metrics against real servers. */
class HttpDeliveryTest {
    @TempDir
    static Path dir;
    static TestPki.Identity serverId;
    static TestPki.Identity clientId;
    static TestPki.Identity strangerId;

    private final List<RecordingServer> servers = new ArrayList<>();
    private final List<HttpSender> senders = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        serverId = TestPki.create(dir, "server");
        clientId = TestPki.create(dir, "client");
        strangerId = TestPki.create(dir, "stranger");
    }

    @AfterEach
    void stop() {
        senders.forEach(HttpSender::deactivate);
        servers.forEach(RecordingServer::close);
    }

    private RecordingServer server() throws IOException {
        RecordingServer s = new RecordingServer();
        servers.add(s);
        return s;
    }

    private HttpSender sender(Map<String, Object> config, TlsContextProvider tls, RequestAuthenticator auth) {
        Map<String, Object> props = new HashMap<>(config);
        props.put(Plugins.ID, "delivery");
        props.put(Plugins.PIPELINE, "app");
        HttpSender sender = new HttpSender(Converters.standardConverter().convert(props).to(HttpSenderConfig.class),
                props, tls, auth);
        senders.add(sender);
        return sender;
    }

    private HttpSender sender(Map<String, Object> config) {
        return sender(config, null, null);
    }

    private static SendOutcome send(HttpSender sender, List<LogEvent> batch) throws Exception {
        return outcome(sender.send(batch));
    }

    private static SendOutcome outcome(CompletionStage<SendOutcome> attempt) throws Exception {
        return attempt.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static List<LogEvent> events(int n, String prefix) {
        List<LogEvent> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(LogEvent.ofMessage(prefix + " " + i + " " + Integer.toHexString(i * 7919)));
        }
        return batch;
    }

    /** The messages of {@code events(n, prefix)}, each once, in order. */
    private static void assertEveryEventOnceInOrder(List<String> messages, int n, String prefix) {
        assertThat(messages).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(messages.get(i)).startsWith(prefix + " " + i + " ");
        }
    }

    /** The messages of uncompressed NDJSON requests, in request order. */
    private static List<String> messagesOf(List<RecordingServer.Request> requests) {
        List<String> out = new ArrayList<>();
        for (RecordingServer.Request r : requests) {
            out.addAll(messages(r.body()));
        }
        return out;
    }

    private static List<String> messages(byte[] ndjson) {
        List<String> out = new ArrayList<>();
        for (String line : new String(ndjson, StandardCharsets.UTF_8).split("\n")) {
            out.add(line.replaceAll(".*\"message\":\"([^\"]*)\".*", "$1"));
        }
        return out;
    }

    @Test
    void zstdAndGzipBodiesDecompressToWhatWasSent() throws Exception {
        RecordingServer server = server();
        List<LogEvent> batch = events(3000, "zstd");
        send(sender(Map.of("url", server.url("/plain"))), batch);
        byte[] plain = server.take().body();
        send(sender(Map.of("url", server.url("/zstd"), "compression", "zstd")), batch);
        RecordingServer.Request zstd = server.take();
        send(sender(Map.of("url", server.url("/gzip"), "compression", "gzip")), batch);
        RecordingServer.Request gzip = server.take();

        assertThat(zstd.header("Content-Encoding")).isEqualTo("zstd");
        assertThat(zstd.body().length).isLessThan(plain.length / 2);
        assertThat(Zstd.decompress(zstd.body(), plain.length)).isEqualTo(plain);
        assertThat(gzip.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes()).isEqualTo(plain);
    }

    @Test
    void aBatchLargerThanMaxBodyBytesGoesAsSeveralRequestsInOrder() throws Exception {
        RecordingServer server = server();
        HttpSender sender = sender(Map.of("url", server.url("/"), "max.body.bytes", "4KiB", "compression", "gzip"));
        List<LogEvent> batch = events(500, "split");

        assertThat(send(sender, batch).kind()).isEqualTo(Kind.DELIVERED);

        List<String> received = new ArrayList<>();
        for (RecordingServer.Request r : server.drained()) {
            byte[] body = new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes();
            assertThat(body.length).isLessThanOrEqualTo(4096);
            received.addAll(messages(body));
        }
        assertEveryEventOnceInOrder(received, 500, "split");
        assertThat(sender.batchesInProgress()).isZero();
    }

    @Test
    void aRetryAfterAPartialDeliverySendsOnlyTheRest() throws Exception {
        RecordingServer server = server();
        HttpSender sender = sender(Map.of("url", server.url("/"), "max.body.bytes", "2KiB"));
        List<LogEvent> batch = events(200, "part");
        server.answerNext(RecordingServer.Answer.of(200));
        server.answerNext(RecordingServer.Answer.of(200));
        server.answerNext(new RecordingServer.Answer(503, Map.of("Retry-After", "2"), "busy"));

        SendOutcome first = send(sender, batch);
        assertThat(first.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(first.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(first.reason()).contains("HTTP 503: busy").contains("after 2 of");
        List<RecordingServer.Request> firstTry = server.drained();
        assertThat(firstTry).hasSize(3);
        assertThat(sender.batchesInProgress()).isEqualTo(1);

        assertThat(send(sender, batch).kind()).isEqualTo(Kind.DELIVERED); // the core retries the same list

        // The first two requests of the first try were delivered, the third failed.
        List<String> delivered = messagesOf(firstTry.subList(0, 2));
        delivered.addAll(messagesOf(server.drained()));
        assertEveryEventOnceInOrder(delivered, 200, "part");
        assertThat(sender.batchesInProgress()).isZero();
    }

    @Test
    void aPreparedBatchIsEncodedUpFrontAndSentAgainOnlyFromItsFirstUndeliveredPart() throws Exception {
        RecordingServer server = server();
        HttpSender sender = sender(Map.of("url", server.url("/"), "max.body.bytes", "2KiB"));
        List<LogEvent> batch = events(200, "prep");
        server.answerNext(RecordingServer.Answer.of(200));
        server.answerNext(new RecordingServer.Answer(503, Map.of(), "busy"));

        HttpSender.Prepared prepared = sender.prepare(batch);
        // Changing the events now changes nothing: they were encoded by prepare.
        batch.get(0).setMessage("changed after prepare");
        assertThat(server.drained()).isEmpty();

        SendOutcome first = outcome(prepared.send());
        assertThat(first.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(first.reason()).contains("HTTP 503: busy").contains("after 1 of");
        List<RecordingServer.Request> firstTry = server.drained();
        assertThat(firstTry).hasSize(2);

        assertThat(outcome(prepared.send()).kind()).isEqualTo(Kind.DELIVERED);
        prepared.close();

        List<String> delivered = messagesOf(firstTry.subList(0, 1));
        delivered.addAll(messagesOf(server.drained()));
        assertEveryEventOnceInOrder(delivered, 200, "prep");
        assertThat(sender.batchesInProgress()).isZero();
    }

    @Test
    void aBulkAnswerWithErrorsSendsOnlyTheRetryableDocumentsAgainAndReportsTheRefusedOnes() throws Exception {
        RecordingServer server = server();
        HttpSender sender = sender(Map.of("url", server.url("/_bulk"), "format", "es_bulk"));
        List<LogEvent> batch = events(4, "doc");
        String failed = "{\"took\":5,\"errors\":true,\"items\":["
                + "{\"create\":{\"status\":201}},"
                + "{\"create\":{\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"}}},"
                + "{\"create\":{\"status\":400,\"error\":{\"type\":\"document_parsing_exception\",\"reason\":\"bad field\"}}},"
                + "{\"create\":{\"status\":503,\"error\":{\"type\":\"unavailable_shards_exception\",\"reason\":\"no shard\"}}}]}";
        server.answerNext(new RecordingServer.Answer(200, Map.of("Content-Type", "application/json"), failed));
        server.answerNext(new RecordingServer.Answer(200, Map.of("Content-Type", "application/json"),
                "{\"took\":1,\"errors\":false,\"items\":[{\"create\":{\"status\":201}},{\"create\":{\"status\":201}}]}"));

        HttpSender.Prepared prepared = sender.prepare(batch);
        SendOutcome first = outcome(prepared.send());
        assertThat(first.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(first.reason()).contains("3 of 4 documents failed", "es_rejected_execution_exception: queue full",
                "sending the 2 retryable again");
        SendOutcome second = outcome(prepared.send());
        prepared.close();

        assertThat(second.kind()).isEqualTo(Kind.DELIVERED);
        assertThat(second.refusedEvents()).containsExactly(2);
        assertThat(second.reason()).contains("status 400");
        List<RecordingServer.Request> requests = server.drained();
        assertThat(requests).hasSize(2);
        assertThat(documents(requests.get(0).body())).containsExactly("doc 0 0", "doc 1 1eef", "doc 2 3dde", "doc 3 5ccd");
        assertThat(documents(requests.get(1).body())).containsExactly("doc 1 1eef", "doc 3 5ccd");
    }

    @Test
    void aBulkAnswerThatCannotBeMatchedToTheDocumentsSendsThemAllAgain() throws Exception {
        RecordingServer server = server();
        HttpSender sender = sender(Map.of("url", server.url("/_bulk"), "format", "es_bulk"));
        server.answerNext(new RecordingServer.Answer(200, Map.of(),
                "{\"errors\":true,\"items\":[{\"create\":{\"status\":429}}]}"));

        server.answerNext(new RecordingServer.Answer(200, Map.of(), "{\"errors\":true,\"items\":[]}"));

        SendOutcome outcome = send(sender, events(3, "doc"));
        SendOutcome noItems = send(sender, events(3, "doc"));

        assertThat(outcome.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(outcome.reason()).contains("lists 1 items for 3 documents");
        assertThat(noItems.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(noItems.reason()).contains("lists 0 items for 3 documents");
    }

    /** The messages of the documents in an Elasticsearch bulk body (action lines left out). */
    private static List<String> documents(byte[] bulk) {
        return messages(bulk).stream().filter(line -> !line.startsWith("{")).toList();
    }

    @Test
    void aPreparedBatchClosedWhileItsRequestIsStillBeingWrittenKeepsItsBodyUntilTheRequestEnds() throws Exception {
        // A server that reads the head, then stops reading until told: the 8 MB body stays
        // half written, from the prepared batch's own array.
        java.util.concurrent.CountDownLatch readOn = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<String> received = new java.util.concurrent.CompletableFuture<>();
        try (ServerSocket slow = new ServerSocket()) {
            slow.setReceiveBufferSize(16 * 1024);
            slow.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread reader = new Thread(() -> {
                try (Socket socket = slow.accept()) {
                    java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
                    String head = readHead(in);
                    int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
                    readOn.await();
                    byte[] body = in.readNBytes(length);
                    socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    received.complete(new String(body, StandardCharsets.UTF_8));
                } catch (Exception e) {
                    received.completeExceptionally(e);
                }
            });
            reader.start();
            HttpSender sender = sender(Map.of("url", "http://127.0.0.1:" + slow.getLocalPort() + "/",
                    "max.body.bytes", "15MiB"));
            HttpSender.Prepared first = sender.prepare(events(40_000, "first-batch-" + "x".repeat(120)));
            CompletionStage<SendOutcome> firstAttempt = first.send();
            first.close();
            // Encodes into a pooled body: it must not be the one still on its way.
            HttpSender.Prepared second = sender.prepare(events(40_000, "second-batch-" + "y".repeat(120)));
            readOn.countDown();

            String body = received.get(20, TimeUnit.SECONDS);
            assertThat(outcome(firstAttempt).kind()).isEqualTo(Kind.DELIVERED);
            second.close();
            assertThat(body).doesNotContain("second-batch");
            assertThat(messages(body.getBytes(StandardCharsets.UTF_8))).hasSize(40_000)
                    .allMatch(m -> m.startsWith("first-batch-"));
        }
    }

    private static String readHead(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the request head");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void failsOverFromADeadEndpointToALiveOneAndChecksItInTheBackground() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        RecordingServer flaky = server();
        RecordingServer live = server();
        flaky.answer(RecordingServer.Answer.of(503));
        HttpSender sender = sender(Map.of("urls", new String[] {"http://127.0.0.1:" + deadPort + "/", flaky.url("/a"),
            live.url("/b")}, "health.check.interval", "100ms"));

        assertThat(send(sender, events(3, "first")).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(live.take().path()).isEqualTo("/b");
        assertThat(flaky.take().path()).isEqualTo("/a"); // tried, answered 503

        // Both bad endpoints are now unhealthy: the next batch goes straight to the live one.
        assertThat(send(sender, events(1, "second")).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(messages(live.take().body())).containsExactly("second 0 0");
        assertThat(flaky.drained()).isEmpty();

        // The flaky endpoint recovers; the background check notices and failover prefers it again.
        flaky.answer(RecordingServer.Answer.of(200));
        await().atMost(Duration.ofSeconds(5)).until(() -> flaky.heads() > 0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(send(sender, events(1, "third")).kind()).isEqualTo(Kind.DELIVERED);
            assertThat(flaky.drained()).isNotEmpty();
        });
    }

    @Test
    void roundRobinSpreadsBatches() throws Exception {
        RecordingServer a = server();
        RecordingServer b = server();
        HttpSender sender = sender(Map.of("urls", new String[] {a.url("/"), b.url("/")}, "load.balance", "round_robin"));

        for (int i = 0; i < 4; i++) {
            assertThat(send(sender, events(1, "rr" + i)).kind()).isEqualTo(Kind.DELIVERED);
        }
        assertThat(a.drained()).hasSize(2);
        assertThat(b.drained()).hasSize(2);
    }

    @Test
    void everyEndpointDownIsRetryableAndNothingIsDropped() throws Exception {
        RecordingServer a = server();
        a.answer(RecordingServer.Answer.of(500));
        HttpSender sender = sender(Map.of("url", a.url("/")));

        SendOutcome outcome = send(sender, events(2, "down"));

        assertThat(outcome.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(outcome.reason()).isEqualTo("HTTP 500");
    }

    @Test
    void retryAfterAsAnHttpDate() throws Exception {
        RecordingServer a = server();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
        a.answer(new RecordingServer.Answer(429, Map.of("Retry-After", date), ""));

        SendOutcome outcome = send(sender(Map.of("url", a.url("/"))), events(1, "x"));

        assertThat(outcome.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(outcome.retryAfter()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121));
    }

    @Test
    void aConnectionResetIsRetryable() throws Exception {
        try (ServerSocket resetting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!resetting.isClosed()) {
                    try (Socket s = resetting.accept()) {
                        s.getInputStream().read(new byte[16]);
                        s.setSoLinger(true, 0); // close with RST
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();

            SendOutcome outcome = send(sender(Map.of("url", "http://127.0.0.1:" + resetting.getLocalPort() + "/")),
                    events(1, "reset"));

            assertThat(outcome.kind()).isEqualTo(Kind.RETRYABLE);
        }
    }

    @Test
    void unknownHostIsRetryable() throws Exception {
        SendOutcome outcome = send(sender(Map.of("url", "http://no-such-host.invalid/", "timeout", "5s")),
                events(1, "dns"));

        assertThat(outcome.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(outcome.reason()).startsWith("unknown host");
    }

    // --- TLS ---

    private static SSLContext context(TestPki.Identity own, TestPki.Identity trusted) throws Exception {
        KeyManagerFactory kmf = null;
        if (own != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("me", own.key(), TestPki.PASSWORD, new Certificate[] {own.certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, TestPki.PASSWORD);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("peer", trusted.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static TlsContextProvider provider(SSLContext ctx) {
        return () -> ctx;
    }

    private RecordingServer httpsServer(boolean needClientAuth) throws Exception {
        RecordingServer s = new RecordingServer(context(serverId, clientId), needClientAuth);
        servers.add(s);
        return s;
    }

    @Test
    void deliversOverTlsWithTheProvidersTrust() throws Exception {
        RecordingServer https = httpsServer(false);
        HttpSender sender = sender(Map.of("url", https.url("/tls"), "tls", "corp-tls"),
                provider(context(null, serverId)), null);

        assertThat(send(sender, events(2, "secure")).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(messages(https.take().body())).containsExactly("secure 0 0", "secure 1 1eef");
    }

    @Test
    void aServerCertificateTheTrustStoreDoesNotKnowIsRefused() throws Exception {
        RecordingServer https = httpsServer(false);
        HttpSender sender = sender(Map.of("url", https.url("/"), "tls", "corp-tls"),
                provider(context(null, strangerId)), null);

        SendOutcome outcome = send(sender, events(1, "x"));

        assertThat(outcome.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(outcome.reason()).startsWith("TLS failure");
        assertThat(https.drained()).isEmpty();
    }

    @Test
    void mutualTlsPresentsTheClientCertificate() throws Exception {
        RecordingServer https = httpsServer(true);
        HttpSender withCert = sender(Map.of("url", https.url("/"), "tls", "corp-tls"),
                provider(context(clientId, serverId)), null);
        HttpSender withoutCert = sender(Map.of("url", https.url("/"), "tls", "corp-tls"),
                provider(context(null, serverId)), null);

        assertThat(send(withCert, events(1, "mtls")).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(https.take().body()).isNotEmpty();
        assertThat(send(withoutCert, events(1, "anonymous")).kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(https.drained()).isEmpty();
    }

    @Test
    void aNamedProviderThatIsMissingFailsActivation() {
        assertThatThrownBy(() -> sender(Map.of("url", "https://127.0.0.1/", "tls", "corp-tls")))
                .hasMessageContaining("tls provider 'corp-tls' is not available");
    }

    @Test
    void theAuthenticatorDecoratesEveryRequest() throws Exception {
        RecordingServer server = server();
        List<String> seen = new ArrayList<>();
        RequestAuthenticator auth = (method, uri, headers) -> {
            seen.add(method + " " + uri.getPath());
            headers.setHeader("Authorization", "Bearer t0k3n");
        };
        HttpSender sender = sender(Map.of("url", server.url("/auth"), "auth", "corp-key"), null, auth);

        assertThat(send(sender, events(1, "a")).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(server.take().header("Authorization")).isEqualTo("Bearer t0k3n");
        assertThat(seen).containsExactly("POST /auth");

        HttpSender failing = sender(Map.of("url", server.url("/"), "auth", "corp-key"), null,
                (method, uri, headers) -> {
                    throw new IOException("token endpoint down");
                });
        SendOutcome outcome = send(failing, events(1, "b"));
        assertThat(outcome.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(outcome.reason()).isEqualTo("auth provider 'corp-key' failed: token endpoint down");
    }

    // --- metrics ---

    /** A counter of the test's sender (tagged pipeline app, component delivery), with more tags. */
    private static long count(InMemoryMetrics metrics, String name, String... extraTags) {
        List<String> tags = new ArrayList<>(List.of("pipeline", "app", "component", "delivery"));
        tags.addAll(List.of(extraTags));
        return metrics.count(name, tags.toArray(new String[0]));
    }

    @Test
    void recordsRequestsBytesLatencyAndInFlight() throws Exception {
        RecordingServer server = server();
        InMemoryMetrics metrics = new InMemoryMetrics();
        HttpSender sender = sender(Map.of("url", server.url("/"), "compression", "gzip"));
        sender.bindMetrics(metrics);
        List<LogEvent> batch = events(1000, "metric");

        send(sender, batch);
        server.answer(RecordingServer.Answer.of(400));
        send(sender, events(1, "bad"));

        assertThat(count(metrics, "http.requests", "status", "2xx")).isEqualTo(1);
        assertThat(count(metrics, "http.requests", "status", "4xx")).isEqualTo(1);
        long raw = count(metrics, "http.body.uncompressed.bytes");
        long sent = count(metrics, "http.body.sent.bytes");
        assertThat(raw).isGreaterThan(sent * 2);
        assertThat(count(metrics, "http.request.duration.ms.count")).isEqualTo(2);
        assertThat(count(metrics, "http.request.duration.ms", "le", "+Inf")).isEqualTo(2);
        assertThat(count(metrics, "http.request.duration.ms", "le", "2500"))
                .isGreaterThanOrEqualTo(count(metrics, "http.request.duration.ms", "le", "50"));
        assertThat(metrics.gauges()).isEqualTo(1);
        assertThat(metrics.gauge("http.requests.in.flight", "pipeline", "app", "component", "delivery")).isZero();

        sender.unbindMetrics(metrics);
        assertThat(metrics.gauges()).isZero();
    }
}
