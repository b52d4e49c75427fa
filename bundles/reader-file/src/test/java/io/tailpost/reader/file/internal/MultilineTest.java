package io.tailpost.reader.file.internal;

import static io.tailpost.reader.file.internal.ReaderHarness.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-line events against traces as the JVM and CPython print them. */
class MultilineTest {
    static final String JAVA_TRACE = """
            2024-05-01 10:00:00.123 ERROR [main] c.e.App - request failed
            java.lang.IllegalStateException: outer
            \tat com.example.App.handle(App.java:42)
            \tat com.example.App.main(App.java:10)
            Caused by: java.io.UncheckedIOException: middle
            \tat com.example.Io.read(Io.java:7)
            \t... 2 more
            \tSuppressed: java.lang.RuntimeException: on close
            \t\tat com.example.Io.close(Io.java:9)
            Caused by: java.io.IOException: inner
            \t... 3 common frames omitted
            2024-05-01 10:00:01.000 INFO  [main] c.e.App - next request
            Exception in thread "worker-1" java.lang.NullPointerException: Cannot invoke "String.length()"
            \tat com.example.Worker.run(Worker.java:5)
            """;

    static final String PYTHON_TRACE = """
            ERROR:root:job failed
            Traceback (most recent call last):
              File "/srv/job.py", line 8, in run
                step()
              File "/srv/job.py", line 4, in step
                raise KeyError("k")
            KeyError: 'k'

            During handling of the above exception, another exception occurred:

            Traceback (most recent call last):
              File "/srv/job.py", line 10, in run
                raise ValueError("bad") from None
            ValueError: bad
            INFO:root:next job
            """;

    @TempDir
    Path dir;

    private ReaderHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void javaPresetKeepsAStackTraceWithItsLogLine() throws IOException {
        harness = new ReaderHarness(dir);
        append(dir.resolve("app.log"), JAVA_TRACE);
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        harness.start("java", emitter, "app.log", "multiline.mode", "java", "multiline.timeout", "200ms");

        String[] lines = JAVA_TRACE.split("\n");
        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly(
                String.join("\n", java.util.Arrays.copyOfRange(lines, 0, 11)),
                lines[11],
                lines[12] + "\n" + lines[13]));
        await().untilAsserted(() -> assertThat(harness.offset(dir.resolve("app.log"))).isEqualTo(JAVA_TRACE.length()));
    }

    @Test
    void pythonPresetKeepsChainedTracebacksWithTheirLogLine() throws IOException {
        harness = new ReaderHarness(dir);
        append(dir.resolve("app.log"), PYTHON_TRACE);
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        harness.start("py", emitter, "app.log", "multiline.mode", "python", "multiline.timeout", "200ms");

        String[] lines = PYTHON_TRACE.split("\n");
        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly(
                String.join("\n", java.util.Arrays.copyOfRange(lines, 0, 14)), lines[14]));
    }

    @Test
    void startPatternHoldsTheCheckpointAtTheStartOfAnOpenGroupAndLimitsLines() throws IOException {
        harness = new ReaderHarness(dir);
        Path log = dir.resolve("app.log");
        append(log, "[1] a\n  a2\n[2] b\n  b2\n  b3\n  b4\n");
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        harness.start("start", emitter, "app.log", "multiline.mode", "start", "multiline.pattern", "^\\[\\d+\\]",
                "multiline.max.lines", 3, "multiline.timeout", "1h");

        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("[1] a\n  a2", "[2] b\n  b2\n  b3"));
        assertThat(emitter.events().get(1).metadata()).containsEntry("multiline", "limit");
        // "  b4" waits in its group: the position stays before it, so a restart reads it again.
        await().untilAsserted(() -> assertThat(harness.offset(log)).isEqualTo("[1] a\n  a2\n[2] b\n  b2\n  b3\n".length()));
    }
}
