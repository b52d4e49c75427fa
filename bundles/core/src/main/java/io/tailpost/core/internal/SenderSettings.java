package io.tailpost.core.internal;

import java.util.Map;

import io.tailpost.sdk.config.Units;

/**
 * The core's settings for one sender, read from the sender's service properties (see
 * {@link io.tailpost.sdk.sender.Sender}).
 */
record SenderSettings(int batchMaxEvents, long batchMaxBytes, long batchTimeoutMillis, long retryInitialMillis,
        long retryMaxMillis, int concurrency, boolean adaptive, String deadLetterPath) {

    static final SenderSettings DEFAULTS = new SenderSettings(1000, 1L << 20, 1000, 100, 30_000, 1, false, null);

    static SenderSettings from(Map<String, ?> props) {
        Object c = props.get("concurrency");
        boolean adaptive = c != null && "adaptive".equals(c.toString());
        int concurrency = adaptive ? (int) number(props, "concurrency.max", ConcurrencyLimit.ADAPTIVE_MAX)
                : (int) Math.max(1, number(props, "concurrency", 1));
        return new SenderSettings(
                (int) Math.max(1, number(props, "batch.max.events", DEFAULTS.batchMaxEvents)),
                Math.max(1, number(props, "batch.max.bytes", DEFAULTS.batchMaxBytes)),
                Math.max(1, number(props, "batch.timeout.ms", DEFAULTS.batchTimeoutMillis)),
                Math.max(1, number(props, "retry.initial.ms", DEFAULTS.retryInitialMillis)),
                Math.max(1, number(props, "retry.max.ms", DEFAULTS.retryMaxMillis)),
                Math.max(1, concurrency), adaptive,
                props.get("dead.letter") == null ? null : props.get("dead.letter").toString());
    }

    /** A number from a property that may arrive as any Number or as text (sizes allowed). */
    static long number(Map<String, ?> props, String key, long fallback) {
        Object v = props.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Units.parseSize(v.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }
}
