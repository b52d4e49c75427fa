package io.tailpost.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.tailpost.sdk.metrics.Counter;
import io.tailpost.sdk.metrics.Measurement;
import io.tailpost.sdk.metrics.Metrics;

/** The in-memory metrics registry behind the {@link Metrics} service. */
final class MetricsRegistry implements Metrics {
    private record Key(String name, List<String> tags) {
        static Key of(String name, String[] tags) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a metric needs a name");
            }
            if (tags.length % 2 != 0) {
                throw new IllegalArgumentException("metric " + name + ": tags must be key/value pairs, got "
                        + Arrays.toString(tags));
            }
            return new Key(name, List.of(tags));
        }

        Map<String, String> tagMap() {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < tags.size(); i += 2) {
                m.put(tags.get(i), tags.get(i + 1));
            }
            return m;
        }
    }

    private static final class AdderCounter implements Counter {
        private final LongAdder adder = new LongAdder();

        @Override
        public void increment() {
            adder.increment();
        }

        @Override
        public void add(long amount) {
            adder.add(amount);
        }

        @Override
        public long value() {
            return adder.sum();
        }
    }

    private final Map<Key, AdderCounter> counters = new ConcurrentHashMap<>();
    private final Map<Key, LongSupplier> gauges = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(Key.of(name, tags), k -> new AdderCounter());
    }

    @Override
    public Registration gauge(String name, LongSupplier value, String... tags) {
        Key key = Key.of(name, tags);
        gauges.put(key, value);
        return () -> gauges.remove(key, value);
    }

    @Override
    public List<Measurement> snapshot() {
        List<Measurement> all = new ArrayList<>();
        counters.forEach((k, c) -> all.add(new Measurement(k.name(), k.tagMap(), Measurement.Kind.COUNTER, c.value())));
        gauges.forEach((k, g) -> all.add(new Measurement(k.name(), k.tagMap(), Measurement.Kind.GAUGE, g.getAsLong())));
        all.sort(Comparator.comparing(Measurement::name).thenComparing(m -> m.tags().toString()));
        return all;
    }
}
