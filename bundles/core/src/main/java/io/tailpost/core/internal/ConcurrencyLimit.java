package io.tailpost.core.internal;

/**
 * How many batches one sender may have in flight. Fixed, or adaptive: additive increase
 * while requests succeed without latency rising, multiplicative decrease when a request
 * fails for a retryable reason or takes much longer than usual (in the manner of TCP
 * congestion control and Vector's adaptive request concurrency). Adjustments happen at
 * most once per observed round-trip time, so one slow burst does not collapse the limit.
 */
final class ConcurrencyLimit {
    /** The most an adaptive limit grows to. */
    static final int ADAPTIVE_MAX = 32;
    /** A round trip this much above the running average counts as congestion. */
    private static final double RTT_THRESHOLD = 1.5;
    private static final double EWMA_WEIGHT = 0.1;

    private int limit = 1;
    private int max = 1;
    private boolean adaptive;
    private double averageRttNanos;
    private long lastChangeNanos;

    /** Sets a fixed limit, or an adaptive one that starts at 1 and stays within {@code max}. */
    synchronized void configure(int concurrency, boolean adaptive) {
        this.adaptive = adaptive;
        this.max = Math.max(1, concurrency);
        this.limit = adaptive ? Math.max(1, Math.min(limit, max)) : max;
    }

    synchronized long current() {
        return limit;
    }

    /**
     * Feeds one attempt's result: whether it succeeded (delivered or rejected for good) and
     * how long it took.
     */
    synchronized void observe(boolean ok, long rttNanos) {
        if (!adaptive) {
            return;
        }
        long now = System.nanoTime();
        boolean mayChange = now - lastChangeNanos > Math.max(averageRttNanos, 1_000_000);
        if (!ok) {
            if (mayChange && limit > 1) {
                limit = Math.max(1, limit / 2);
                lastChangeNanos = now;
            }
            return;
        }
        boolean slow = averageRttNanos > 0 && rttNanos > averageRttNanos * RTT_THRESHOLD;
        averageRttNanos = averageRttNanos == 0 ? rttNanos : averageRttNanos + EWMA_WEIGHT * (rttNanos - averageRttNanos);
        if (!mayChange) {
            return;
        }
        if (slow && limit > 1) {
            limit = Math.max(1, limit / 2);
            lastChangeNanos = now;
        } else if (!slow && limit < max) {
            limit++;
            lastChangeNanos = now;
        }
    }
}
