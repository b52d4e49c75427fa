package io.tailpost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.tailpost.sdk.metrics.Measurement;
import io.tailpost.sdk.metrics.Metrics;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {
    private final MetricsRegistry registry = new MetricsRegistry();

    @Test
    void sameNameAndTagsShareOneCounter() {
        registry.counter("sender.retries", "pipeline", "a").add(2);
        registry.counter("sender.retries", "pipeline", "a").increment();
        registry.counter("sender.retries", "pipeline", "b").increment();
        assertThat(registry.snapshot()).containsExactly(
                new Measurement("sender.retries", Map.of("pipeline", "a"), Measurement.Kind.COUNTER, 3),
                new Measurement("sender.retries", Map.of("pipeline", "b"), Measurement.Kind.COUNTER, 1));
    }

    @Test
    void gaugesAreReadAtSnapshotTimeAndGoAwayWhenClosed() {
        AtomicLong lag = new AtomicLong(5);
        Metrics.Registration r = registry.gauge("file.lag.bytes", lag::get, "file", "/a.log");
        lag.set(42);
        assertThat(registry.snapshot()).singleElement().extracting(Measurement::value).isEqualTo(42L);
        r.close();
        r.close();
        assertThat(registry.snapshot()).isEmpty();
    }

    @Test
    void tagsMustComeInPairs() {
        assertThatThrownBy(() -> registry.counter("x", "pipeline")).hasMessageContaining("key/value pairs");
    }
}
