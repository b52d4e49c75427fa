package io.tailpost.core.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: attempt n waits a random time in
 * [initial * 2^(n-1) / 2, initial * 2^(n-1)], capped at max. A destination's own
 * requested delay (Retry-After) wins when it is longer, still capped at max.
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private int failures;

    Backoff(long initialMillis, long maxMillis) {
        this.initialMillis = Math.max(1, initialMillis);
        this.maxMillis = Math.max(this.initialMillis, maxMillis);
    }

    /** The delay before the next attempt after one more failure. */
    long nextDelayMillis(Duration retryAfter) {
        failures++;
        long ceiling = initialMillis << Math.min(failures - 1, 30);
        if (ceiling <= 0 || ceiling > maxMillis) {
            ceiling = maxMillis;
        }
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        if (retryAfter != null) {
            delay = Math.max(delay, Math.min(retryAfter.toMillis(), maxMillis));
        }
        return delay;
    }

    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
