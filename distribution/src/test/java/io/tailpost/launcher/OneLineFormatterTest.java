package io.tailpost.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class OneLineFormatterTest {

    private static final String NL = System.lineSeparator();
    private final OneLineFormatter formatter = new OneLineFormatter();

    private static LogRecord record(Level level, String message, long epochMillis) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.tailpost.core.Pipeline");
        record.setInstant(Instant.ofEpochMilli(epochMillis));
        return record;
    }

    @Test
    void formatsOneLineWithUtcMillisLevelAndLogger() {
        LogRecord record = record(Level.INFO, "pipeline quickstart started",
                Instant.parse("2026-12-04T20:11:58.123456Z").toEpochMilli());

        assertThat(formatter.format(record))
                .isEqualTo("2026-12-04T20:11:58.123Z INFO  io.tailpost.core.Pipeline - pipeline quickstart started" + NL);
    }

    @Test
    void keepsMillisWhenTheyAreZero() {
        LogRecord record = record(Level.WARNING, "slow", Instant.parse("2026-01-02T03:04:05Z").toEpochMilli());

        assertThat(formatter.format(record)).startsWith("2026-01-02T03:04:05.000Z WARN  ");
    }

    @Test
    void mapsJulLevelsToFiveCharacterNames() {
        assertThat(OneLineFormatter.levelName(Level.SEVERE)).isEqualTo("ERROR");
        assertThat(OneLineFormatter.levelName(Level.WARNING)).isEqualTo("WARN ");
        assertThat(OneLineFormatter.levelName(Level.INFO)).isEqualTo("INFO ");
        assertThat(OneLineFormatter.levelName(Level.CONFIG)).isEqualTo("DEBUG");
        assertThat(OneLineFormatter.levelName(Level.FINE)).isEqualTo("DEBUG");
        assertThat(OneLineFormatter.levelName(Level.FINER)).isEqualTo("TRACE");
        assertThat(OneLineFormatter.levelName(Level.FINEST)).isEqualTo("TRACE");
    }

    @Test
    void fillsInMessageParameters() {
        LogRecord record = record(Level.INFO, "read {0} lines from {1}", 0);
        record.setParameters(new Object[] {"42", "app.log"});

        assertThat(formatter.format(record)).endsWith(" - read 42 lines from app.log" + NL);
    }

    @Test
    void appendsTheStackTraceWithCauses() {
        IOException cause = new IOException("disk full");
        UncheckedIOException thrown = new UncheckedIOException("cannot write checkpoint", cause);
        LogRecord record = record(Level.SEVERE, "checkpoint lost", 0);
        record.setThrown(thrown);

        String text = formatter.format(record);

        String[] lines = text.split(NL);
        assertThat(lines[0]).isEqualTo("1970-01-01T00:00:00.000Z ERROR io.tailpost.core.Pipeline - checkpoint lost");
        assertThat(lines[1]).isEqualTo("java.io.UncheckedIOException: cannot write checkpoint");
        assertThat(lines[2]).startsWith("\tat " + OneLineFormatterTest.class.getName());
        assertThat(text).contains(NL + "Caused by: java.io.IOException: disk full" + NL)
                .contains(" more" + NL)
                .endsWith(NL);
    }

    @Test
    void survivesACircularCause() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);
        LogRecord record = record(Level.SEVERE, "loop", 0);
        record.setThrown(first);

        assertThat(formatter.format(record)).contains("[circular reference: java.lang.IllegalStateException: first]");
    }

    @Test
    void namesAMissingLoggerWithADash() {
        LogRecord record = new LogRecord(Level.INFO, "hello");
        record.setInstant(Instant.EPOCH);

        assertThat(formatter.format(record)).isEqualTo("1970-01-01T00:00:00.000Z INFO  - - hello" + NL);
    }
}
