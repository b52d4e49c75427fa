package io.tailpost.sender.http.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.Plugins;
import io.tailpost.sdk.TailpostPlugin;
import io.tailpost.sdk.metrics.Metrics;
import io.tailpost.sdk.security.RequestAuthenticator;
import io.tailpost.sdk.security.TlsContextProvider;
import io.tailpost.sdk.sender.PreparedBatch;
import io.tailpost.sdk.sender.SendOutcome;
import io.tailpost.sdk.sender.Sender;
import io.tailpost.sender.http.internal.BulkResponseScanner.BulkItems;
import io.tailpost.sender.http.internal.Endpoints.Endpoint;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Sends each batch as HTTP POSTs in the configured format (optionally compressed) and
 * classifies the response; see {@link OutcomeClassifier} for the rules. A batch whose
 * encoding exceeds {@code max_body_bytes} goes as several requests, in order; the parts
 * delivered are remembered ({@link BatchProgress}) so a retry sends only the rest.
 * A request that fails is tried on the next endpoint before the outcome is reported.
 * {@link #prepare} encodes a batch ahead of sending it (the core does so while the batch
 * before is in flight); {@link #send} is prepare, send and close in one. An Elasticsearch
 * bulk answer that reports errors is read item by item ({@link BulkResponseScanner}).
 *
 * <p>Each configured instance owns one asynchronous HttpClient with a connection pool
 * (HTTP/1.1, or HTTP/2 when a TLS server offers it), created at activation and closed at
 * deactivation. TLS and request authentication come from security providers named in
 * the configuration ({@code tls}, {@code auth}); config-yaml sets the references'
 * targets, so the sender starts only once the named providers are there. {@link #send}
 * is safe to call concurrently and never throws.
 *
 * <p>The returned stage completes on an HttpClient I/O thread: callers should hand heavy
 * work to their own executor.
 */
@TailpostPlugin(kind = "sender", type = "http")
@Designate(ocd = HttpSenderConfig.class, factory = true)
@Component(configurationPid = HttpSender.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Sender.class, property = Plugins.TYPE + "=http")
public final class HttpSender implements Sender {
    /** Factory PID of HTTP sender configurations. */
    static final String PID = "tailpost.sender.http";

    /** Target of the security references until configuration names a provider: matches no service. */
    static final String NO_PROVIDER = "(&(tailpost.security.name=*)(!(tailpost.security.name=*)))";

    private static final String STOPPED = "sender stopped before the destination answered";

    private static final System.Logger LOG = System.getLogger(HttpSender.class.getName());

    /** Bodies kept for reuse: enough for a few concurrent batches. */
    private static final int POOLED_BODIES = 4;
    private static final int MAX_POOLED_BODY_BYTES = 16 * 1024 * 1024;
    private static final int MAX_CONNECTIONS = 16;
    /** Longest wait at deactivation for requests already sent. */
    private static final long DRAIN_MILLIS = 10_000;

    private final String id;
    private final String pipeline;
    private final HttpSenderSettings settings;
    private final BodyFormat format;
    private final Header[] headers;
    private final RequestAuthenticator auth;
    private final Endpoints endpoints;
    private final BodyPool bodies = new BodyPool(POOLED_BODIES, 64 * 1024, MAX_POOLED_BODY_BYTES);
    private final BatchProgress progress = new BatchProgress();
    private final CloseableHttpAsyncClient client;
    private final ScheduledExecutorService healthChecks;
    private final Set<Delivery> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private volatile SenderMetrics metrics;
    private Metrics boundMetrics;
    private volatile boolean stopped;

    /** Without security providers: for tests and configurations that name none. */
    HttpSender(HttpSenderConfig config, Map<String, Object> properties) {
        this(config, properties, null, null);
    }

    /**
     * Checks the configuration and starts the client.
     *
     * @param properties the component properties; {@value Plugins#ID} names the instance
     * @param tls the TLS provider named by {@code tls}, or {@code null}
     * @param auth the authenticator named by {@code auth}, or {@code null}
     * @throws IllegalArgumentException naming every bad key, which fails activation
     */
    @Activate
    public HttpSender(HttpSenderConfig config, Map<String, Object> properties,
            @Reference(name = "tls", cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY, target = NO_PROVIDER) TlsContextProvider tls,
            @Reference(name = "auth", cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY, target = NO_PROVIDER) RequestAuthenticator auth) {
        Object configuredId = properties.get(Plugins.ID);
        this.id = configuredId != null ? configuredId.toString() : String.valueOf(properties.get("component.id"));
        this.pipeline = String.valueOf(properties.getOrDefault(Plugins.PIPELINE, ""));
        this.settings = HttpSenderSettings.from(config);
        if (!settings.tls().isEmpty() && tls == null) {
            throw new IllegalStateException("http sender " + id + ": tls provider '" + settings.tls() + "' is not available");
        }
        if (!settings.auth().isEmpty() && auth == null) {
            throw new IllegalStateException("http sender " + id + ": auth provider '" + settings.auth()
                    + "' is not available");
        }
        this.format = Formats.create(settings);
        this.headers = settings.headers().toArray(new Header[0]);
        this.auth = auth;
        this.endpoints = new Endpoints(settings.urls(), settings.roundRobin());
        this.client = createClient(settings, id, tls);
        client.start();
        this.healthChecks = endpoints.size() > 1 ? startHealthChecks() : null;
        if (tls != null && !tls.verifyHostname()) {
            LOG.log(Level.WARNING, "http sender " + id + ": TLS provider '" + settings.tls()
                    + "' does not verify server host names; connections can be intercepted");
        }
        LOG.log(Level.INFO, () -> "http sender " + id + " -> " + describeEndpoints() + " (" + settings.format()
                + (settings.compression() == Compression.NONE ? "" : ", " + settings.compression().label())
                + (tls != null ? ", tls " + settings.tls() : "") + (auth != null ? ", auth " + settings.auth() : "")
                + ")");
    }

    private String describeEndpoints() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < endpoints.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(endpoints.get(i).display);
        }
        return endpoints.size() > 1 ? "[" + s + "] " + (settings.roundRobin() ? "round robin" : "failover") : s.toString();
    }

    private static CloseableHttpAsyncClient createClient(HttpSenderSettings settings, String id,
            TlsContextProvider tls) {
        Timeout timeout = Timeout.ofMilliseconds(Math.max(1, settings.timeout().toMillis()));
        Timeout connectTimeout = Timeout.ofMilliseconds(Math.max(1, settings.connectTimeout().toMillis()));
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(connectTimeout)
                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                .build();
        RequestConfig request = RequestConfig.custom()
                .setConnectionRequestTimeout(timeout)
                .setResponseTimeout(timeout)
                .build();
        PoolingAsyncClientConnectionManagerBuilder pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(connection)
                .setDefaultTlsConfig(TlsConfig.custom()
                        .setHandshakeTimeout(connectTimeout)
                        .setVersionPolicy(HttpVersionPolicy.NEGOTIATE)
                        .build())
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS);
        if (tls != null) {
            ClientTlsStrategyBuilder strategy = ClientTlsStrategyBuilder.create();
            try {
                strategy.setSslContext(tls.sslContext());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("http sender " + id + ": tls provider '" + settings.tls()
                        + "' has no usable TLS context: " + e.getMessage(), e);
            }
            String[] protocols = tls.protocols();
            if (protocols != null && protocols.length > 0) {
                strategy.setTlsVersions(protocols);
            }
            if (!tls.verifyHostname()) {
                strategy.setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                        .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT);
            }
            pool.setTlsStrategy(strategy.buildAsync());
        } else {
            pool.setTlsStrategy(new LazyDefaultTlsStrategy());
        }
        // Retries, redirects, cookies and response decompression are off: the core retries,
        // and a sender posts to configured addresses.
        HttpAsyncClientBuilder builder = HttpAsyncClients.custom()
                .setConnectionManager(pool.build())
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(1)
                        // Timeouts are checked when the selector wakes up: often enough
                        // that a short timeout is not overrun by much.
                        .setSelectInterval(TimeValue.ofMilliseconds(
                                Math.max(10, Math.min(1000, Math.min(settings.timeout().toMillis(),
                                        settings.connectTimeout().toMillis()) / 4))))
                        .build())
                .setThreadFactory(new DefaultThreadFactory("tailpost-http-" + id, true))
                .setDefaultRequestConfig(request)
                .setUserAgent("TailPost")
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression();
        if (settings.proxy() != null) {
            int port = settings.proxy().getPort() > 0 ? settings.proxy().getPort() : 80;
            builder.setProxy(new HttpHost("http", settings.proxy().getHost(), port));
        }
        return builder.build();
    }

    private ScheduledExecutorService startHealthChecks() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                new DefaultThreadFactory("tailpost-http-health-" + id, true));
        executor.setRemoveOnCancelPolicy(true);
        long interval = Math.max(10, settings.healthCheckInterval().toMillis());
        executor.scheduleWithFixedDelay(this::checkUnhealthyEndpoints, interval, interval, TimeUnit.MILLISECONDS);
        return executor;
    }

    /** Probes each unhealthy endpoint with a HEAD request: any answer below 500 means it is back. */
    private void checkUnhealthyEndpoints() {
        for (int i = 0; i < endpoints.size() && !stopped; i++) {
            Endpoint endpoint = endpoints.get(i);
            if (endpoint.healthy) {
                continue;
            }
            try {
                client.execute(SimpleRequestBuilder.head(endpoint.uri).build(), new FutureCallback<SimpleHttpResponse>() {
                    @Override
                    public void completed(SimpleHttpResponse response) {
                        if (response.getCode() < 500) {
                            markHealthy(endpoint);
                        }
                    }

                    @Override
                    public void failed(Exception ex) {
                        LOG.log(Level.DEBUG, () -> "http sender " + id + ": endpoint " + endpoint.display
                                + " still unreachable: " + OutcomeClassifier.describe(ex));
                    }

                    @Override
                    public void cancelled() {
                        LOG.log(Level.DEBUG, () -> "http sender " + id + ": health check of " + endpoint.display
                                + " cancelled");
                    }
                });
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "http sender " + id + ": cannot check " + endpoint.display, e);
            }
        }
    }

    private void markHealthy(Endpoint endpoint) {
        if (!endpoint.healthy) {
            endpoint.healthy = true;
            if (endpoints.size() > 1) {
                LOG.log(Level.INFO, () -> "http sender " + id + ": endpoint " + endpoint.display + " is healthy again");
            }
        }
    }

    private void markUnhealthy(Endpoint endpoint, String reason) {
        if (endpoint.healthy) {
            endpoint.healthy = false;
            if (endpoints.size() > 1) {
                LOG.log(Level.WARNING, () -> "http sender " + id + ": endpoint " + endpoint.display
                        + " marked unhealthy (" + reason + "); using the others until it answers again");
            }
        }
    }

    /** Binds the agent's metrics registry. */
    @Reference(name = "metrics", service = Metrics.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindMetrics")
    synchronized void bindMetrics(Metrics registry) {
        SenderMetrics old = metrics;
        boundMetrics = registry;
        metrics = new SenderMetrics(registry, pipeline, id, requestsInFlight::get);
        if (old != null) {
            old.close();
        }
    }

    synchronized void unbindMetrics(Metrics registry) {
        if (boundMetrics == registry) {
            SenderMetrics old = metrics;
            metrics = null;
            boundMetrics = null;
            if (old != null) {
                old.close();
            }
        }
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        if (healthChecks != null) {
            healthChecks.shutdownNow();
        }
        // Let requests already on the wire finish (bounded): a batch the destination has
        // taken must be reported delivered, or the core would send it again after a
        // plugin update. What is still open after that is aborted and retried elsewhere.
        awaitInFlight(Math.min(settings.timeout().toMillis(), DRAIN_MILLIS));
        for (Delivery delivery : inFlight) {
            delivery.abort();
        }
        client.close(CloseMode.GRACEFUL);
        for (Delivery delivery : inFlight) {
            delivery.finish(SendOutcome.retryable(STOPPED));
        }
        bodies.clear();
        progress.clear();
        LOG.log(Level.INFO, () -> "http sender " + id + " stopped");
    }

    private void awaitInFlight(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (inFlight) {
            while (!inFlight.isEmpty()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    inFlight.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Batches with parts delivered and parts still to send (for tests). */
    int batchesInProgress() {
        return progress.size();
    }

    @Override
    public CompletionStage<SendOutcome> send(List<LogEvent> batch) {
        Prepared prepared = prepare(batch);
        CompletionStage<SendOutcome> result = prepared.send();
        result.whenComplete((outcome, failure) -> prepared.close());
        return result;
    }

    /** Encodes (and compresses) the batch's requests now; they are sent by {@link Prepared#send}. */
    @Override
    public Prepared prepare(List<LogEvent> batch) {
        if (batch.isEmpty() || stopped) {
            return new Prepared(batch, List.of(), null);
        }
        int start = progress.start(batch);
        List<RequestBody> parts = new ArrayList<>(1);
        try {
            encode(batch, start, parts);
        } catch (RuntimeException e) {
            // An event that cannot be encoded now never will be: retrying would loop.
            parts.forEach(bodies::give);
            progress.forget(batch);
            LOG.log(Level.DEBUG, () -> "http sender " + id + " cannot encode a batch", e);
            return new Prepared(batch, List.of(), "cannot encode batch as " + settings.format() + ": " + e);
        }
        return new Prepared(batch, parts, null);
    }

    /** Encodes {@code events} from {@code from} on into as many bodies as {@code max_body_bytes} asks. */
    private void encode(List<LogEvent> events, int from, List<RequestBody> into) {
        int next = from;
        while (next < events.size()) {
            RequestBody body = bodies.take();
            into.add(body);
            next = body.encode(format, events, next, settings.maxBodyBytes(), settings.compression(),
                    settings.compressionLevel());
        }
    }

    /**
     * A batch encoded into one or more request bodies, sent in order. Parts delivered stay
     * delivered: sending it again after a retryable outcome sends only the rest. Closing it
     * gives the bodies back to the pool.
     */
    final class Prepared implements PreparedBatch {
        private final List<LogEvent> batch;
        private final List<RequestBody> parts;
        /**
         * Per part, the positions in the batch of its events, or null for consecutive
         * events from {@code from()}; the list itself is null until a part is replaced.
         */
        private List<int[]> positions;
        private final String encodingFailure;
        /** Progress is remembered past this object for a batch split in parts or resumed. */
        private final boolean tracked;
        private int partsDelivered;
        /**
         * Whether the parts delivered so far are exactly a prefix of the batch, so that
         * {@link BatchProgress} may record them: no longer once a bulk answer refused or
         * left out some of a part's documents.
         */
        private boolean prefix = true;
        /** Documents of the current part to send again (a bulk answer failed them), or null. */
        private int[] resend;
        private int[] refused = new int[0];
        private String refusedReason;
        private boolean closed;
        /** The delivery sending this batch now, or null; guarded by this. */
        private Delivery active;

        Prepared(List<LogEvent> batch, List<RequestBody> parts, String encodingFailure) {
            this.batch = batch;
            this.parts = new ArrayList<>(parts);
            this.encodingFailure = encodingFailure;
            this.tracked = parts.size() > 1 || (!parts.isEmpty() && parts.get(0).from() > 0);
        }

        /** The positions in the batch of the events of part {@code part}. */
        int[] positionsOf(int part) {
            int[] given = positions == null ? null : positions.get(part);
            if (given != null) {
                return given;
            }
            RequestBody body = parts.get(part);
            int[] range = new int[body.to() - body.from()];
            for (int i = 0; i < range.length; i++) {
                range[i] = body.from() + i;
            }
            return range;
        }

        /** The documents at {@code failed} go out again in place of the current part. */
        void resendInstead(int[] failed) {
            resend = failed;
            prefix = false;
        }

        /** The events at {@code positions} were refused for good; the first reason given is kept. */
        void refuse(int[] positions, String reason) {
            int known = refused.length;
            refused = Arrays.copyOf(refused, known + positions.length);
            System.arraycopy(positions, 0, refused, known, positions.length);
            if (refusedReason == null) {
                refusedReason = reason;
            }
            prefix = false;
        }

        /** Delivered, less what the destination refused for good. */
        SendOutcome delivered() {
            return refused.length == 0 ? SendOutcome.delivered()
                    : SendOutcome.deliveredExcept(refused, refusedReason);
        }

        /** Encodes the documents to send again into bodies that take the current part's place. */
        private void encodeResend() {
            int[] failed = resend;
            resend = null;
            List<LogEvent> events = new ArrayList<>(failed.length);
            for (int position : failed) {
                events.add(batch.get(position));
            }
            List<RequestBody> newParts = new ArrayList<>(1);
            encode(events, 0, newParts);
            List<int[]> newPositions = new ArrayList<>(newParts.size());
            for (RequestBody body : newParts) {
                newPositions.add(Arrays.copyOfRange(failed, body.from(), body.to()));
            }
            if (positions == null) {
                positions = new ArrayList<>(Collections.nCopies(parts.size(), (int[]) null));
            }
            bodies.give(parts.remove(partsDelivered));
            positions.remove(partsDelivered);
            parts.addAll(partsDelivered, newParts);
            positions.addAll(partsDelivered, newPositions);
        }

        @Override
        public CompletionStage<SendOutcome> send() {
            if (encodingFailure != null) {
                return CompletableFuture.completedFuture(SendOutcome.rejected(encodingFailure));
            }
            if (resend != null && !closed) {
                encodeResend();
            }
            if (batch.isEmpty() || (parts.isEmpty() && !stopped)) {
                return CompletableFuture.completedFuture(SendOutcome.delivered());
            }
            if (stopped || closed) {
                return CompletableFuture.completedFuture(SendOutcome.retryable(STOPPED));
            }
            Delivery delivery = new Delivery(this);
            started(delivery);
            inFlight.add(delivery);
            if (stopped) {
                // Deactivation began after the first check and may have swept the set already.
                delivery.finish(SendOutcome.retryable(STOPPED));
                return delivery.result;
            }
            delivery.sendPart(endpoints.choose(0));
            return delivery.result;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (active == null) {
                free();
            }
        }

        synchronized void started(Delivery delivery) {
            active = delivery;
        }

        /** A delivery of this batch is over: bodies closed meanwhile can go back now. */
        synchronized void ended(Delivery delivery) {
            if (active == delivery) {
                active = null;
                if (closed) {
                    free();
                }
            }
        }

        /** Gives the bodies back; never while a request may still be writing one. */
        private void free() {
            for (RequestBody body : parts) {
                if (stopped) {
                    body.dispose();
                } else {
                    bodies.give(body);
                }
            }
        }
    }

    /**
     * One attempt to send a prepared batch, part after part from the first undelivered
     * one, each part tried on the endpoints in turn: completes the caller's stage exactly
     * once, however it ends.
     */
    private final class Delivery implements FutureCallback<HttpReply> {
        final CompletableFuture<SendOutcome> result = new CompletableFuture<>();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final Prepared prepared;
        private final List<RequestBody> parts;
        private long tried;
        private Endpoint endpoint;
        private long startNanos;
        volatile Future<HttpReply> future;

        Delivery(Prepared prepared) {
            this.prepared = prepared;
            this.parts = prepared.parts;
        }

        void sendPart(Endpoint target) {
            endpoint = target;
            tried |= 1L << target.index;
            RequestBody body = parts.get(prepared.partsDelivered);
            try {
                AsyncRequestBuilder request = AsyncRequestBuilder.post(target.uri)
                        .setEntity(new ByteSliceEntityProducer(body.array(), body.offset(), body.length(),
                                format.contentType(), settings.compression().contentEncoding()));
                for (Header header : headers) {
                    request.addHeader(header);
                }
                if (auth != null) {
                    auth.authenticate("POST", target.uri, request::setHeader);
                }
                SenderMetrics m = metrics;
                if (m != null) {
                    m.requestSent(body.uncompressedLength(), body.length());
                }
                startNanos = System.nanoTime();
                requestsInFlight.incrementAndGet();
                future = client.execute(request.build(), new ResponseExcerptConsumer(format.answersPerEvent()),
                        this);
            } catch (IOException e) {
                // The authenticator has no credential now: try again later.
                finish(SendOutcome.retryable("auth provider '" + settings.auth() + "' failed: " + e.getMessage()));
            } catch (RuntimeException e) {
                // For example the client was closed by a concurrent deactivation.
                finish(stopped ? SendOutcome.retryable(STOPPED) : OutcomeClassifier.ofFailure(e));
            }
        }

        private void ended(int status) {
            requestsInFlight.decrementAndGet();
            SenderMetrics m = metrics;
            if (m != null) {
                m.requestEnded(status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            }
        }

        @Override
        public void completed(HttpReply reply) {
            ended(reply.status());
            SendOutcome outcome = OutcomeClassifier.ofReply(reply, Instant.now());
            switch (outcome.kind()) {
                case DELIVERED -> {
                    BulkItems bulk = reply.bulk();
                    if (bulk != null && bulk.errors()) {
                        bulkPartlyFailed(bulk);
                    } else {
                        partDelivered();
                    }
                }
                case RETRYABLE -> {
                    if (reply.status() >= 500) {
                        markUnhealthy(endpoint, "HTTP " + reply.status());
                    }
                    tryElsewhere(outcome);
                }
                default -> finish(outcome);
            }
        }

        @Override
        public void failed(Exception failure) {
            ended(0);
            if (stopped) {
                finish(SendOutcome.retryable(STOPPED));
                return;
            }
            SendOutcome outcome = OutcomeClassifier.ofFailure(failure);
            markUnhealthy(endpoint, outcome.reason());
            tryElsewhere(outcome);
        }

        @Override
        public void cancelled() {
            ended(0);
            finish(SendOutcome.retryable(stopped ? STOPPED : "request cancelled"));
        }

        /**
         * A bulk answer of 2xx that failed some documents: those with a retryable status
         * go out again (only they), those refused for good are dead-lettered by the core
         * once the rest is delivered. Never counted delivered as a whole.
         */
        private void bulkPartlyFailed(BulkItems bulk) {
            markHealthy(endpoint);
            int[] sent = prepared.positionsOf(prepared.partsDelivered);
            if (bulk.items() != sent.length) {
                finish(SendOutcome.retryable("bulk response lists " + bulk.items() + " items for " + sent.length
                        + " documents and reports errors; sending them all again"));
                return;
            }
            if (bulk.failedItems().length == 0) {
                partDelivered(); // "errors" said so, but every item has a 2xx status
                return;
            }
            int[] retry = new int[bulk.failedItems().length];
            int retries = 0;
            int[] refused = new int[bulk.failedItems().length];
            int refusals = 0;
            int firstRefusedStatus = 0;
            int firstStatus = bulk.failedStatuses()[0];
            for (int i = 0; i < bulk.failedItems().length; i++) {
                int status = bulk.failedStatuses()[i];
                int position = sent[bulk.failedItems()[i]];
                if (BulkItems.retryable(status)) {
                    retry[retries++] = position;
                } else {
                    firstRefusedStatus = refusals == 0 ? status : firstRefusedStatus;
                    refused[refusals++] = position;
                }
            }
            if (refusals > 0) {
                prepared.refuse(Arrays.copyOf(refused, refusals), "bulk item refused with status " + firstRefusedStatus
                        + " (first error in the response: " + bulk.firstFailure() + ")");
            }
            String what = bulk.failedItems().length + " of " + sent.length + " documents failed, first with status "
                    + firstStatus + ": " + bulk.firstFailure();
            LOG.log(Level.DEBUG, () -> "http sender " + id + ": " + what);
            if (retries == 0) {
                partDelivered();
                return;
            }
            prepared.resendInstead(Arrays.copyOf(retry, retries));
            finish(SendOutcome.retryable(what + "; sending the " + retries + " retryable again"));
        }

        private void partDelivered() {
            markHealthy(endpoint);
            RequestBody body = parts.get(prepared.partsDelivered);
            prepared.partsDelivered++;
            if (prepared.partsDelivered == parts.size()) {
                finish(prepared.delivered());
                return;
            }
            if (prepared.prefix) {
                progress.delivered(prepared.batch, body.to());
            }
            tried = 0;
            if (stopped) {
                finish(SendOutcome.retryable(STOPPED));
            } else {
                sendPart(endpoints.choose(0));
            }
        }

        private void tryElsewhere(SendOutcome outcome) {
            Endpoint next = stopped ? null : endpoints.choose(tried);
            if (next == null) {
                int done = prepared.partsDelivered;
                finish(done > 0 ? SendOutcome.retryable(outcome.reason() + " (after " + done + " of " + parts.size()
                        + " requests were delivered)", outcome.retryAfter()) : outcome);
                return;
            }
            LOG.log(Level.DEBUG, () -> "http sender " + id + ": " + endpoint.display + " failed (" + outcome.reason()
                    + "), trying " + next.display);
            SenderMetrics m = metrics;
            if (m != null) {
                m.failover();
            }
            sendPart(next);
        }

        void abort() {
            Future<HttpReply> f = future;
            if (f != null) {
                f.cancel(true);
            }
        }

        /**
         * Ends the delivery once, whoever calls first. The sender's own bookkeeping is done
         * before the caller's stage completes, so a caller that sees the outcome sees it
         * settled.
         */
        void finish(SendOutcome outcome) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            if (prepared.tracked && outcome.kind() != SendOutcome.Kind.RETRYABLE) {
                progress.forget(prepared.batch);
            }
            synchronized (inFlight) {
                inFlight.remove(this);
                inFlight.notifyAll();
            }
            prepared.ended(this);
            if (outcome.kind() != SendOutcome.Kind.DELIVERED) {
                LOG.log(Level.DEBUG, () -> "http sender " + id + ": " + outcome);
            }
            result.complete(outcome);
        }
    }
}
