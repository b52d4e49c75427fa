package io.tailpost.sender.http.internal;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.Plugins;
import io.tailpost.sdk.TailpostPlugin;
import io.tailpost.sdk.sender.SendOutcome;
import io.tailpost.sdk.sender.Sender;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Sends each batch as one HTTP POST of NDJSON (optionally gzip-compressed) and classifies
 * the response; see {@link OutcomeClassifier} for the rules. Each configured instance owns
 * one asynchronous HttpClient with a connection pool, created at activation and closed at
 * deactivation. {@link #send} is safe to call concurrently and never throws.
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

    static final String NDJSON = "application/x-ndjson";
    private static final String STOPPED = "sender stopped before the destination answered";

    private static final System.Logger LOG = System.getLogger(HttpSender.class.getName());

    /** Bodies kept for reuse: enough for a few concurrent batches. */
    private static final int POOLED_BODIES = 4;
    private static final int MAX_POOLED_BODY_BYTES = 16 * 1024 * 1024;
    private static final int MAX_CONNECTIONS = 16;
    /** Longest wait at deactivation for requests already sent. */
    private static final long DRAIN_MILLIS = 10_000;

    private final String id;
    private final HttpSenderSettings settings;
    private final Header[] headers;
    private final BodyPool bodies = new BodyPool(POOLED_BODIES, 64 * 1024, MAX_POOLED_BODY_BYTES);
    private final CloseableHttpAsyncClient client;
    private final Set<Exchange> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /**
     * Checks the configuration and starts the client.
     *
     * @param properties the component properties; {@value Plugins#ID} names the instance
     * @throws IllegalArgumentException naming every bad key, which fails activation
     */
    @Activate
    public HttpSender(HttpSenderConfig config, Map<String, Object> properties) {
        Object configuredId = properties.get(Plugins.ID);
        this.id = configuredId != null ? configuredId.toString() : String.valueOf(properties.get("component.id"));
        this.settings = HttpSenderSettings.from(config);
        this.headers = settings.headers().toArray(new Header[0]);
        this.client = createClient(settings, id);
        client.start();
        LOG.log(Level.INFO, () -> "http sender " + id + " -> " + settings.displayUrl() + " (" + settings.format()
                + (settings.gzip() ? ", gzip" : "") + ")");
    }

    private static CloseableHttpAsyncClient createClient(HttpSenderSettings settings, String id) {
        Timeout timeout = Timeout.ofMilliseconds(Math.max(1, settings.timeout().toMillis()));
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(timeout)
                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                .build();
        RequestConfig request = RequestConfig.custom()
                .setConnectionRequestTimeout(timeout)
                .setResponseTimeout(timeout)
                .build();
        // Retries, redirects, cookies and response decompression are off: the core retries,
        // and a sender posts to one configured address.
        return HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connection)
                        .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(timeout).build())
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(1)
                        // Timeouts are checked when the selector wakes up: often enough
                        // that a short timeout is not overrun by much.
                        .setSelectInterval(TimeValue.ofMilliseconds(
                                Math.max(10, Math.min(1000, settings.timeout().toMillis() / 4))))
                        .build())
                .setThreadFactory(new DefaultThreadFactory("tailpost-http-" + id, true))
                .setDefaultRequestConfig(request)
                .setUserAgent("TailPost")
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        // Let requests already on the wire finish (bounded): a batch the destination has
        // taken must be reported delivered, or the core would send it again after a
        // plugin update. What is still open after that is aborted and retried elsewhere.
        awaitInFlight(Math.min(settings.timeout().toMillis(), DRAIN_MILLIS));
        for (Exchange exchange : inFlight) {
            exchange.abort();
        }
        client.close(CloseMode.GRACEFUL);
        for (Exchange exchange : inFlight) {
            exchange.finish(SendOutcome.retryable(STOPPED));
        }
        bodies.clear();
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

    @Override
    public CompletionStage<SendOutcome> send(List<LogEvent> batch) {
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(SendOutcome.delivered());
        }
        if (stopped) {
            return CompletableFuture.completedFuture(SendOutcome.retryable(STOPPED));
        }
        NdjsonBody body = bodies.take();
        try {
            body.encode(batch, settings.gzip());
        } catch (RuntimeException e) {
            // An event that cannot be encoded now never will be: retrying would loop.
            bodies.give(body);
            LOG.log(Level.DEBUG, () -> "http sender " + id + " cannot encode a batch", e);
            return CompletableFuture.completedFuture(
                    SendOutcome.rejected("cannot encode batch as " + settings.format() + ": " + e));
        }
        Exchange exchange = new Exchange(body);
        inFlight.add(exchange);
        if (stopped) {
            // Deactivation began after the first check and may have swept the set already.
            exchange.finish(SendOutcome.retryable(STOPPED));
            return exchange.result;
        }
        try {
            AsyncRequestBuilder request = AsyncRequestBuilder.post(settings.url())
                    .setEntity(new ByteSliceEntityProducer(body.array(), body.length(), NDJSON,
                            settings.gzip() ? "gzip" : null));
            for (Header header : headers) {
                request.addHeader(header);
            }
            exchange.future = client.execute(request.build(), new ResponseExcerptConsumer(), exchange);
        } catch (RuntimeException e) {
            // For example the client was closed by a concurrent deactivation.
            exchange.finish(OutcomeClassifier.ofFailure(e));
        }
        return exchange.result;
    }

    /**
     * One batch on its way: completes the caller's stage exactly once, however the
     * request ends, and gives the body back to the pool.
     */
    private final class Exchange implements FutureCallback<HttpReply> {
        final CompletableFuture<SendOutcome> result = new CompletableFuture<>();
        private final NdjsonBody body;
        volatile Future<HttpReply> future;

        Exchange(NdjsonBody body) {
            this.body = body;
        }

        @Override
        public void completed(HttpReply reply) {
            finish(OutcomeClassifier.ofReply(reply, Instant.now()));
        }

        @Override
        public void failed(Exception failure) {
            finish(stopped ? SendOutcome.retryable(STOPPED) : OutcomeClassifier.ofFailure(failure));
        }

        @Override
        public void cancelled() {
            finish(SendOutcome.retryable(stopped ? STOPPED : "request cancelled"));
        }

        void abort() {
            Future<HttpReply> f = future;
            if (f != null) {
                f.cancel(true);
            }
        }

        void finish(SendOutcome outcome) {
            // complete() decides once, so the body can never go back to the pool twice.
            if (!result.complete(outcome)) {
                return;
            }
            synchronized (inFlight) {
                inFlight.remove(this);
                inFlight.notifyAll();
            }
            bodies.give(body);
            if (outcome.kind() != SendOutcome.Kind.DELIVERED) {
                LOG.log(Level.DEBUG, () -> "http sender " + id + ": " + outcome);
            }
        }
    }
}
