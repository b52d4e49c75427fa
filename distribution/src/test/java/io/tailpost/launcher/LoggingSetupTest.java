package io.tailpost.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggingSetupTest {

    @Test
    void mapsUserLevelNamesToJul() {
        assertThat(LoggingSetup.julLevel("debug")).isEqualTo("FINE");
        assertThat(LoggingSetup.julLevel("WARN")).isEqualTo("WARNING");
        assertThat(LoggingSetup.julLevel("warning")).isEqualTo("WARNING");
        assertThat(LoggingSetup.julLevel(" error ")).isEqualTo("SEVERE");
        assertThat(LoggingSetup.julLevel("trace")).isEqualTo("FINEST");
        assertThat(LoggingSetup.julLevel("nonsense")).isEqualTo("INFO");
    }

    @Test
    void mapsOsgiLevels() {
        assertThat(OsgiLogBridge.level(1)).isEqualTo(System.Logger.Level.ERROR);
        assertThat(OsgiLogBridge.level(2)).isEqualTo(System.Logger.Level.WARNING);
        assertThat(OsgiLogBridge.level(3)).isEqualTo(System.Logger.Level.INFO);
        assertThat(OsgiLogBridge.level(4)).isEqualTo(System.Logger.Level.DEBUG);
    }
}
