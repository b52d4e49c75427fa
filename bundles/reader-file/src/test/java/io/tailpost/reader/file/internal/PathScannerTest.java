package io.tailpost.reader.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathScannerTest {
    @TempDir
    Path dir;

    /** What the reader's status would show: the latest summary of open problems. */
    private final java.util.List<String> reported = new java.util.ArrayList<>();
    private final WarnOnce warnings = new WarnOnce(System.getLogger(PathScannerTest.class.getName()), "test",
            () -> { }, reported::add);

    private Path file(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x\n");
        return p;
    }

    @Test
    void doubleStarMatchesAnyDepthIncludingNone() throws IOException {
        Path top = file("a.log");
        Path one = file("x/b.log");
        Path two = file("x/y/c.log");
        file("x/d.txt");

        PathScanner scanner = new PathScanner(List.of(dir + "/**/*.log"), List.of(), warnings);

        assertThat(scanner.scan()).containsExactly(top, one, two);
    }

    @Test
    void singleStarStaysWithinOneDirectory() throws IOException {
        Path top = file("a.log");
        file("x/b.log");

        assertThat(new PathScanner(List.of(dir + "/*.log"), List.of(), warnings).scan()).containsExactly(top);
        assertThat(new PathScanner(List.of(dir + "/*/b.?og"), List.of(), warnings).scan())
                .containsExactly(dir.resolve("x/b.log"));
    }

    @Test
    void excludesByNameByPathAndCompressedSuffix() throws IOException {
        Path kept = file("app/a.log");
        file("app/a.log.1.gz");
        file("app/b.log.zst");
        file("app/skip.log");
        file("old/c.log");

        PathScanner scanner = new PathScanner(List.of(dir + "/**/*.log*"),
                List.of("skip.*", dir + "/old/**"), warnings);

        assertThat(scanner.scan()).containsExactly(kept);
    }

    @Test
    void literalPathAndMissingDirectory() throws IOException {
        Path literal = file("plain.log");
        String missing = dir + "/not-yet/*.log";

        PathScanner scanner = new PathScanner(List.of(literal.toString(), missing), List.of(), warnings);

        assertThat(scanner.scan()).containsExactly(literal);
        assertThat(warnings.isWarned(dir + "/not-yet")).isTrue();
        assertThat(reported).singleElement().asString().contains("not-yet");
        scanner.scan();
        assertThat(reported).as("a problem already out is not reported again").hasSize(1);

        Path later = file("not-yet/new.log");
        assertThat(scanner.scan()).containsExactly(later, literal);
        assertThat(warnings.isWarned(dir + "/not-yet")).isFalse();
        assertThat(reported).hasSize(2).last().isNull();
    }

    @Test
    void rejectsRelativePatterns() {
        assertThat(PathScanner.problemWith("logs/*.log")).contains("'logs/*.log'").contains("not an absolute path");
        assertThat(PathScanner.problemWith("/var/log/{a,b")).contains("not a valid glob");
        assertThatThrownBy(() -> new PathScanner(List.of("/var/log/*.log"), List.of("tmp/*.log"), warnings))
                .hasMessageContaining("'tmp/*.log'");
    }
}
