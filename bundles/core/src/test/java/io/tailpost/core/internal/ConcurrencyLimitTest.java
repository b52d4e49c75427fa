package io.tailpost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {
    @Test
    void aFixedLimitIgnoresFeedback() {
        ConcurrencyLimit l = new ConcurrencyLimit();
        l.configure(4, false);
        l.observe(false, 1_000_000);
        assertThat(l.current()).isEqualTo(4);
    }

    @Test
    void anAdaptiveLimitGrowsWhileFastAndHalvesOnFailureOrRisingLatency() {
        ConcurrencyLimit l = new ConcurrencyLimit();
        l.configure(8, true);
        assertThat(l.current()).isEqualTo(1);
        // Fast, steady answers: one step up per round trip (at least 1 ms apart), up to the max.
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            l.observe(true, 200_000);
            return l.current() == 8;
        });
        await().atMost(Duration.ofSeconds(2)).until(() -> {
            l.observe(false, 200_000);
            return l.current() == 4;
        });
        await().atMost(Duration.ofSeconds(2)).until(() -> {
            l.observe(true, 50_000_000); // far slower than the running average
            return l.current() == 2;
        });
    }
}
