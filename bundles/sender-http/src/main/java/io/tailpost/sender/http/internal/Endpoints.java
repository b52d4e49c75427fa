package io.tailpost.sender.http.internal;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The endpoints of one sender and their health. {@link #choose} picks the endpoint for
 * a request: the first healthy one (failover) or the healthy ones in turn (round robin),
 * skipping those already tried for this request; when every untried endpoint is
 * unhealthy it still returns one, so a request is never held back by stale health.
 */
final class Endpoints {
    /** One endpoint; {@code healthy} is cleared by a failure and set again by a health check or success. */
    static final class Endpoint {
        final URI uri;
        final int index;
        final String display;
        volatile boolean healthy = true;

        Endpoint(URI uri, int index) {
            this.uri = uri;
            this.index = index;
            this.display = HttpSenderSettings.displayUrl(uri);
        }
    }

    private final Endpoint[] all;
    private final boolean roundRobin;
    private final AtomicInteger turn = new AtomicInteger();

    Endpoints(List<URI> urls, boolean roundRobin) {
        this.all = new Endpoint[urls.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = new Endpoint(urls.get(i), i);
        }
        this.roundRobin = roundRobin;
    }

    int size() {
        return all.length;
    }

    Endpoint get(int i) {
        return all[i];
    }

    /** The endpoint to use next, not among {@code tried} (a bit per index); {@code null} when all were tried. */
    Endpoint choose(long tried) {
        int n = all.length;
        int base = roundRobin && n > 1 ? Math.floorMod(turn.getAndIncrement(), n) : 0;
        Endpoint fallback = null;
        for (int k = 0; k < n; k++) {
            Endpoint e = all[(base + k) % n];
            if ((tried & (1L << e.index)) != 0) {
                continue;
            }
            if (e.healthy) {
                return e;
            }
            if (fallback == null) {
                fallback = e;
            }
        }
        return fallback;
    }
}
