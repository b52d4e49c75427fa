package io.tailpost.sdk.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.tailpost.sdk.metrics.Counter;
import io.tailpost.sdk.metrics.Measurement;
import io.tailpost.sdk.metrics.Metrics;

/**
 * A metrics registry in memory for plugin tests (the plugins-sdk test jar): counters and
 * gauges by name and tags, read back with {@link #count} and {@link #gauge}.
 */
public final class InMemoryMetrics implements Metrics {
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    private static String key(String name, String... tags) {
        return name + "," + String.join(",", tags);
    }

    @Override
    public Counter counter(String name, String... tags) {
        AtomicLong value = counters.computeIfAbsent(key(name, tags), k -> new AtomicLong());
        return new Counter() {
            @Override
            public void increment() {
                value.incrementAndGet();
            }

            @Override
            public void add(long amount) {
                value.addAndGet(amount);
            }

            @Override
            public long value() {
                return value.get();
            }
        };
    }

    @Override
    public Registration gauge(String name, LongSupplier value, String... tags) {
        String key = key(name, tags);
        gauges.put(key, value);
        return () -> gauges.remove(key, value);
    }

    @Override
    public List<Measurement> snapshot() {
        return new ArrayList<>();
    }

    /** The counter's value, 0 when never counted. */
    public long count(String name, String... tags) {
        AtomicLong v = counters.get(key(name, tags));
        return v == null ? 0 : v.get();
    }

    /** The gauge's value now, or {@code null} when it is not registered. */
    public Long gauge(String name, String... tags) {
        LongSupplier s = gauges.get(key(name, tags));
        return s == null ? null : s.getAsLong();
    }

    /** How many gauges are registered now. */
    public int gauges() {
        return gauges.size();
    }
}
