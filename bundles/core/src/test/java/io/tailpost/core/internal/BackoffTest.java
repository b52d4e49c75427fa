package io.tailpost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void growsExponentiallyWithJitterAndIsCapped() {
        Backoff b = new Backoff(100, 1_000);
        long first = b.nextDelayMillis(null);
        assertThat(first).isBetween(50L, 100L);
        long second = b.nextDelayMillis(null);
        assertThat(second).isBetween(100L, 200L);
        for (int i = 0; i < 40; i++) {
            assertThat(b.nextDelayMillis(null)).isBetween(1L, 1_000L);
        }
        b.reset();
        assertThat(b.nextDelayMillis(null)).isBetween(50L, 100L);
    }

    @Test
    void retryAfterWinsWhenLongerButStaysCapped() {
        Backoff b = new Backoff(100, 10_000);
        assertThat(b.nextDelayMillis(Duration.ofSeconds(7))).isEqualTo(7_000L);
        assertThat(b.nextDelayMillis(Duration.ofSeconds(60))).isEqualTo(10_000L);
    }
}
