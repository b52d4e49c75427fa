package io.tailpost.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.tailpost.sdk.config.Units;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void durations() {
        assertThat(Units.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Units.parseDuration(" 5s ")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Units.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Units.parseDuration("1500")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> Units.parseDuration("5x")).hasMessageContaining("'5x'").hasMessageContaining("unit");
        assertThatThrownBy(() -> Units.parseDuration("soon")).hasMessageContaining("not a duration");
    }

    @Test
    void sizes() {
        assertThat(Units.parseSize("512")).isEqualTo(512);
        assertThat(Units.parseSize("64KiB")).isEqualTo(65536);
        assertThat(Units.parseSize("10MB")).isEqualTo(10_000_000);
        assertThat(Units.parseSize("1GiB")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> Units.parseSize("1XB")).hasMessageContaining("unknown size unit");
        assertThatThrownBy(() -> Units.parseSize("99999999999999999999")).hasMessageContaining("too large");
    }
}
