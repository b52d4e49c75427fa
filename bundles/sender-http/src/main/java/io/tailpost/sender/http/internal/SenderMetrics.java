package io.tailpost.sender.http.internal;

import java.util.function.LongSupplier;

import io.tailpost.sdk.metrics.Counter;
import io.tailpost.sdk.metrics.Metrics;

/**
 * What the HTTP sender records through the agent's {@link Metrics} service, tagged with
 * its pipeline and component: requests by status class, body bytes before and after
 * compression, request latency as cumulative buckets ({@code le}) with sum and count,
 * endpoint failovers and the requests in flight. Retries and rejections are the core's.
 */
final class SenderMetrics {
    /** Upper bounds (ms) of the latency buckets; the last bucket is +Inf. */
    static final long[] LATENCY_BOUNDS_MS = {50, 100, 250, 500, 1000, 2500};
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final Counter[] requestsByClass = new Counter[CLASSES.length];
    private final Counter requestsFailed;
    private final Counter bytesUncompressed;
    private final Counter bytesSent;
    private final Counter[] latencyBuckets = new Counter[LATENCY_BOUNDS_MS.length + 1];
    private final Counter latencySum;
    private final Counter latencyCount;
    private final Counter failovers;
    private final Metrics.Registration inFlight;

    SenderMetrics(Metrics metrics, String pipeline, String component, LongSupplier inFlightCount) {
        String[] tags = {"pipeline", pipeline, "component", component};
        for (int i = 0; i < CLASSES.length; i++) {
            requestsByClass[i] = metrics.counter("http.requests", with(tags, "status", CLASSES[i]));
        }
        requestsFailed = metrics.counter("http.requests", with(tags, "status", "failed"));
        bytesUncompressed = metrics.counter("http.body.uncompressed.bytes", tags);
        bytesSent = metrics.counter("http.body.sent.bytes", tags);
        for (int i = 0; i < LATENCY_BOUNDS_MS.length; i++) {
            latencyBuckets[i] = metrics.counter("http.request.duration.ms",
                    with(tags, "le", Long.toString(LATENCY_BOUNDS_MS[i])));
        }
        latencyBuckets[LATENCY_BOUNDS_MS.length] = metrics.counter("http.request.duration.ms", with(tags, "le", "+Inf"));
        latencySum = metrics.counter("http.request.duration.ms.sum", tags);
        latencyCount = metrics.counter("http.request.duration.ms.count", tags);
        failovers = metrics.counter("http.endpoint.failovers", tags);
        inFlight = metrics.gauge("http.requests.in.flight", inFlightCount, tags);
    }

    private static String[] with(String[] tags, String key, String value) {
        String[] all = java.util.Arrays.copyOf(tags, tags.length + 2);
        all[tags.length] = key;
        all[tags.length + 1] = value;
        return all;
    }

    void requestSent(int uncompressed, int sent) {
        bytesUncompressed.add(uncompressed);
        bytesSent.add(sent);
    }

    /** A response arrived ({@code status} > 0) or the exchange failed ({@code status} 0), after {@code millis}. */
    void requestEnded(int status, long millis) {
        int cls = status / 100 - 1;
        if (status > 0 && cls >= 0 && cls < CLASSES.length) {
            requestsByClass[cls].increment();
        } else {
            requestsFailed.increment();
        }
        for (int i = 0; i < LATENCY_BOUNDS_MS.length; i++) {
            if (millis <= LATENCY_BOUNDS_MS[i]) {
                latencyBuckets[i].increment();
            }
        }
        latencyBuckets[LATENCY_BOUNDS_MS.length].increment();
        latencySum.add(millis);
        latencyCount.increment();
    }

    void failover() {
        failovers.increment();
    }

    void close() {
        inFlight.close();
    }
}
