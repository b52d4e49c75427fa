package io.tailpost.reader.file.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.testing.InMemoryMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileTailerTest {
    @TempDir
    Path dir;

    private final InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    private final List<RotatingFileTailer> started = new ArrayList<>();
    final InMemoryMetrics metrics = new InMemoryMetrics();

    private Path state(String id) {
        try {
            return Files.createDirectories(dir.resolve(".state").resolve(id));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The acknowledged offset of {@code file} in the store, or -1. */
    private long offset(Path file) throws IOException {
        String value = store.get(checkpointKey(file));
        return value == null ? -1 : FileCheckpoints.parseOffset(value);
    }

    @AfterEach
    void stopAll() {
        started.forEach(RotatingFileTailer::stop);
    }

    /** Starts a reader of {@code pattern} (relative to the test folder) with fast rescans. */
    RotatingFileTailer start(String id, RecordingEmitter emitter, String pattern, Object... moreProperties) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("paths", new String[] {dir + "/" + pattern});
        properties.put("rescan.interval", "50ms");
        for (int i = 0; i < moreProperties.length; i += 2) {
            properties.put((String) moreProperties[i], moreProperties[i + 1]);
        }
        RotatingFileTailer tailer = new RotatingFileTailer(FileReaderSettingsTest.config(properties));
        tailer.setMetrics(metrics);
        tailer.start(new TestReaderContext(id, emitter, store, state(id)));
        started.add(tailer);
        return tailer;
    }

    private static void append(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    private static String checkpointKey(Path file) throws IOException {
        return Files.getAttribute(file, "unix:dev") + ":" + Files.getAttribute(file, "unix:ino");
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void readsLinesInOrderAcrossManySmallReads() throws IOException {
        Path log = dir.resolve("app.log");
        List<String> expected = IntStream.range(0, 300).mapToObj(i -> "line-" + i).toList();
        append(log, expected.stream().collect(Collectors.joining("\n", "", "\n")));
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        start("ordered", emitter, "*.log", "read.buffer.size", "7", "batch.max.lines", 5);

        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactlyElementsOf(expected));
        assertThat(emitter.batches()).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 5));
        assertThat(emitter.events()).extracting(LogEvent::source).containsOnly(log.toString());
        assertThat(emitter.events()).noneMatch(LogEvent::hasMetadata);
        assertThat(threadAlive("tailpost-file-ordered")).isTrue();
        await().untilAsserted(() -> assertThat(offset(log)).isEqualTo(Files.size(log)));
        assertThat(store.get(checkpointKey(log))).endsWith(" " + log);
    }

    @Test
    void stripsCarriageReturnsAndCompletesAPartialLastLine() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "one\r\ntwo\r\nthr");
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        start("crlf", emitter, "app.log");
        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("one", "two"));

        append(log, "ee\r\n");
        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("one", "two", "three"));
    }

    @Test
    void splitsLinesLongerThanTheMaximumIntoMarkedPieces() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "0123456789ABCDEFGHIJxyz\nshort\n");
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        start("long", emitter, "app.log", "max.line.bytes", "10", "read.buffer.size", "8");

        await().untilAsserted(() -> assertThat(emitter.lines())
                .containsExactly("0123456789", "ABCDEFGHIJ", "xyz", "short"));
        List<LogEvent> events = emitter.events();
        assertThat(events.subList(0, 3)).allSatisfy(e -> assertThat(e.metadata()).containsEntry("truncated", "split"));
        assertThat(events.get(3).hasMetadata()).isFalse();
    }

    @Test
    void followsDoubleStarGlobsAndSkipsExcludedFiles() throws IOException {
        append(dir.resolve("logs/a.log"), "a\n");
        append(dir.resolve("logs/x/b.log"), "b\n");
        append(dir.resolve("logs/x/y/c.log"), "c\n");
        append(dir.resolve("logs/x/skip.log"), "skipped\n");
        append(dir.resolve("logs/x/old.log.1.gz"), "compressed\n");
        append(dir.resolve("logs/x/d.txt"), "text\n");
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        start("globs", emitter, "logs/**/*.log*", "exclude", new String[] {"skip.log"});

        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactlyInAnyOrder("a", "b", "c"));
        append(dir.resolve("logs/x/y/c.log"), "c2\n");
        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactlyInAnyOrder("a", "b", "c", "c2"));
    }

    @Test
    void startAtEndSkipsExistingContentButReadsNewFilesFromTheirBeginning() throws IOException {
        Path old = dir.resolve("old.log");
        append(old, "old\n");
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        start("end", emitter, "*.log", "start.at", "end");
        // The position chosen at startup is recorded at once, which also shows the first scan is done.
        await().untilAsserted(() -> assertThat(offset(old)).isEqualTo(4));

        append(old, "new\n");
        append(dir.resolve("fresh.log"), "f1\nf2\n");

        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactlyInAnyOrder("new", "f1", "f2"));
        assertThat(emitter.lines()).doesNotContain("old");
    }

    @Test
    void resumesAfterRestartFromTheLastAcknowledgedBatchOnly() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "l1\nl2\nl3\nl4\nl5\nl6\n");
        RecordingEmitter first = new RecordingEmitter(batch -> batch == 0, false);

        RotatingFileTailer tailer = start("restart", first, "app.log", "batch.max.lines", 2);
        await().untilAsserted(() -> assertThat(first.lines()).containsExactly("l1", "l2", "l3", "l4", "l5", "l6"));
        assertThat(first.batches()).hasSize(3);
        assertThat(offset(log)).isEqualTo(6);
        tailer.stop();
        assertThat(threadAlive("tailpost-file-restart")).isFalse();

        append(log, "l7\n");
        RecordingEmitter second = RecordingEmitter.ackingAll();
        start("restart", second, "app.log", "batch.max.lines", 2);

        await().untilAsserted(() -> assertThat(second.lines()).containsExactly("l3", "l4", "l5", "l6", "l7"));
        await().untilAsserted(() -> assertThat(offset(log)).isEqualTo(21));
    }

    @Test
    void checkpointBeyondTheFileMeansItWasTruncatedWhileStopped() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "short\n");
        store.put(checkpointKey(log), "1000 " + log);
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        start("shrunk", emitter, "app.log");

        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("short"));
    }

    @Test
    void restartsAtZeroWhenTheFileIsTruncated() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "aaaa\nbbbb\n");
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        start("truncate", emitter, "app.log");
        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("aaaa", "bbbb"));

        Files.writeString(log, "c\n", UTF_8, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);

        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("aaaa", "bbbb", "c"));
        await().untilAsserted(() -> assertThat(offset(log)).isEqualTo(2));
    }

    @Test
    void readsBothFilesOfARenameRotationOnceAndClosesTheOldOne() throws IOException {
        Path log = dir.resolve("app.log");
        Path rotated = dir.resolve("app.log.1");
        append(log, "a1\n");
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        RotatingFileTailer tailer = start("rotate", emitter, "app.log", "close.idle.after", "300ms");
        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("a1"));

        Files.move(log, rotated);
        append(log, "b1\n");
        append(rotated, "a2\n");
        append(log, "b2\n");

        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactlyInAnyOrder("a1", "a2", "b1", "b2"));
        List<String> lines = emitter.lines();
        assertThat(lines.indexOf("a1")).isLessThan(lines.indexOf("a2"));
        assertThat(lines.indexOf("b1")).isLessThan(lines.indexOf("b2"));
        String rotatedKey = checkpointKey(rotated);
        String newKey = checkpointKey(log);
        assertThat(rotatedKey).isNotEqualTo(newKey);
        await().untilAsserted(() -> assertThat(store.entries()).hasEntrySatisfying(rotatedKey,
                v -> assertThat(v).startsWith("6 ").endsWith(" " + log)).hasEntrySatisfying(newKey,
                v -> assertThat(v).startsWith("6 ").endsWith(" " + log)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tailer.openFiles()).isEqualTo(1));
        assertThat(emitter.lines()).hasSize(4);
    }

    @Test
    void deletedFileIsReadToItsEndThenClosed() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "x1\n");
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        RotatingFileTailer tailer = start("delete", emitter, "*.log", "close.idle.after", "300ms");
        await().untilAsserted(() -> assertThat(tailer.openFiles()).isEqualTo(1));
        Files.delete(log);

        await().untilAsserted(() -> assertThat(tailer.openFiles()).isZero());
        assertThat(emitter.lines()).containsExactly("x1");
    }

    @Test
    void endsTheLoopWhenThePipelineStopsTakingBatches() throws IOException {
        append(dir.resolve("app.log"), "refused\n");
        RecordingEmitter refusing = new RecordingEmitter(batch -> true, true);

        start("refused", refusing, "app.log");

        await().until(() -> !threadAlive("tailpost-file-refused"));
        assertThat(store.entries()).isEmpty();
    }
}
