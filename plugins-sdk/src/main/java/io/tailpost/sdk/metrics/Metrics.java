package io.tailpost.sdk.metrics;

import java.util.List;
import java.util.function.LongSupplier;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The agent's metrics registry, a service provided by the core.
 *
 * <p>Names are lowercase words joined by dots, unit last ({@code file.lag.bytes},
 * {@code sender.retries}). Tags are given as alternating keys and values
 * ({@code "pipeline", "app", "component", "app-files"}); a plugin tags what it records
 * with at least its pipeline and component id. Asking twice for the same name and tags
 * returns the same counter. Recording is cheap and thread-safe.
 */
@ProviderType
public interface Metrics {
    /** The counter called {@code name} with these tags, created on first use. */
    Counter counter(String name, String... tags);

    /**
     * Reports {@code value} as a gauge until the returned registration is closed (for
     * example when a file is closed). The supplier is called only when metrics are read.
     */
    Registration gauge(String name, LongSupplier value, String... tags);

    /** Every counter and gauge now, sorted by name and tags. */
    List<Measurement> snapshot();

    /** Removes a gauge. Closing twice does nothing. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
