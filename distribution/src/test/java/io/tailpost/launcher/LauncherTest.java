package io.tailpost.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int execute(Map<String, String> env, String... args) {
        return new TailpostLauncher(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env).execute(args);
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertThat(execute(Map.of(), "version")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).matches("tailpost \\d+\\.\\d+\\.\\d+\\S*\\R");
    }

    @Test
    void unknownCommandPrintsUsageOnStderrAndExits2() {
        assertThat(execute(Map.of(), "frobnicate")).isEqualTo(2);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown command 'frobnicate'")
                .contains("Usage: tailpost");
    }

    @Test
    void validateOfAMissingFileNamesItAndExits2(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        assertThat(execute(Map.of("TAILPOST_HOME", dir.toString()), "validate", missing.toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("file not found: " + missing);
    }

    @Test
    void runWithAMissingConfigNamesItAndExits2(@TempDir Path dir) {
        assertThat(execute(Map.of("TAILPOST_HOME", dir.toString()), "run")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("configuration file not found: " + dir.resolve("conf").resolve("tailpost.yaml"));
    }

    @Test
    void countsProblemLinesBySeverity() {
        assertThat(ConfigValidator.isWarning("/a.yaml:3:5: warning: key 'x' is unknown")).isTrue();
        assertThat(ConfigValidator.isWarning("/a.yaml:3:5: error: paths is required")).isFalse();
        assertThat(ConfigValidator.isWarning("/a.yaml:3:5: error: value ': warning: ' is odd")).isFalse();
        assertThat(ConfigValidator.isWarning("something unexpected")).isFalse();
        assertThat(TailpostLauncher.plural(1, "error")).isEqualTo("1 error");
        assertThat(TailpostLauncher.plural(0, "warning")).isEqualTo("0 warnings");
    }
}
