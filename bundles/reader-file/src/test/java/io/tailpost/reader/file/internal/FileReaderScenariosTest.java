package io.tailpost.reader.file.internal;

import static io.tailpost.reader.file.internal.ReaderHarness.append;
import static io.tailpost.reader.file.internal.ReaderHarness.checkpointKey;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.tailpost.sdk.LogEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file reader against the situations the issue lists, end to end through a fake pipeline. */
class FileReaderScenariosTest {
    @TempDir
    Path dir;

    private ReaderHarness harness;

    private ReaderHarness h() {
        if (harness == null) {
            harness = new ReaderHarness(dir);
        }
        return harness;
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static String tags(String id) {
        return "pipeline,test,component," + id;
    }

    @Test
    void aNewFileThatReusesAnIdentityButNotItsFirstBytesIsReadFromTheStart() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "new-1\nnew-2\n");
        // What an earlier file with the same device and inode left behind: a position inside it.
        h().store.put(checkpointKey(log), "6 12:deadbeef " + log);
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        h().start("reuse", emitter, "app.log");

        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("new-1", "new-2"));
    }

    @Test
    void aCheckpointWhoseFingerprintMatchesResumesThere() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "old-1\nold-2\n");
        try (FileChannel ch = FileChannel.open(log)) {
            h().store.put(checkpointKey(log), "6 " + Fingerprint.of(ch, 1024) + " " + log);
        }
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        h().start("resume", emitter, "app.log");

        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("old-2"));
    }

    @Test
    void heldPartialLineIsFlushedAfterTheConfiguredWait() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "done\nno newline yet");
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        h().start("partial", emitter, "app.log", "partial.line.flush", "300ms");

        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("done", "no newline yet"));
        await().untilAsserted(() -> assertThat(h().offset(log)).isEqualTo(Files.size(log)));
        append(log, "\nnext\n");
        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("done", "no newline yet", "", "next"));
    }

    @Test
    void invalidUtf8IsReplacedAndFlaggedAndValidTextIsKept() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "caf\u00e9 ok\n".getBytes(UTF_8));
        append(log, new byte[] {'b', 'a', (byte) 0xC3, 'd', (byte) 0xFF, '\n', 'e', 'n', 'd', '\n'});
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        h().start("utf8", emitter, "app.log");

        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("caf\u00e9 ok", "ba\uFFFDd\uFFFD", "end"));
        List<LogEvent> events = emitter.events();
        assertThat(events.get(0).hasMetadata()).isFalse();
        assertThat(events.get(1).metadata()).containsEntry("encoding_error", "replaced");
        assertThat(events.get(2).hasMetadata()).isFalse();
        await().untilAsserted(() -> assertThat(h().metrics.count(ReaderMetrics.ENCODING_ERRORS, tags("utf8").split(",")))
                .isEqualTo(1));
    }

    @Test
    void readsUtf16AndLatin1IntoUtf8Events() throws IOException {
        append(dir.resolve("le.log"), "\uFEFFgr\u00fc\u00dfe\r\nzwei\n".getBytes(StandardCharsets.UTF_16LE));
        append(dir.resolve("latin.txt"), "ol\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        RecordingEmitter utf16 = RecordingEmitter.ackingAll();
        RecordingEmitter latin = RecordingEmitter.ackingAll();

        h().start("utf16", utf16, "*.log", "encoding", "utf-16le");
        h().start("latin", latin, "*.txt", "encoding", "iso-8859-1");

        await().untilAsserted(() -> assertThat(utf16.lines()).containsExactly("gr\u00fc\u00dfe", "zwei"));
        await().untilAsserted(() -> assertThat(latin.lines()).containsExactly("ol\u00e9"));
        LogEvent e = latin.events().get(0);
        assertThat(Arrays.copyOfRange(e.messageArray(), e.messageOffset(), e.messageOffset() + e.messageLength()))
                .isEqualTo("ol\u00e9".getBytes(UTF_8));
    }

    @Test
    void aTenMegabyteLineIsDeliveredInMarkedPiecesAndTheFileGoesOn() throws IOException {
        Path log = dir.resolve("app.log");
        byte[] huge = new byte[10 * 1024 * 1024 + 5];
        Arrays.fill(huge, (byte) 'x');
        append(log, "before\n");
        append(log, huge);
        append(log, "\nafter\n");
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        h().start("huge", emitter, "app.log");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(emitter.lines()).endsWith("after"));
        List<LogEvent> events = emitter.events();
        assertThat(events.get(0).message()).isEqualTo("before");
        List<LogEvent> pieces = events.subList(1, events.size() - 1);
        assertThat(pieces).hasSize(11).allSatisfy(p -> assertThat(p.metadata()).containsEntry("truncated", "split"));
        assertThat(pieces.stream().mapToInt(LogEvent::messageLength).sum()).isEqualTo(huge.length);
        assertThat(pieces).allSatisfy(p -> assertThat(p.messageLength()).isLessThanOrEqualTo(1024 * 1024));
        await().untilAsserted(() -> assertThat(h().metrics.count(ReaderMetrics.LINES_SPLIT, tags("huge").split(",")))
                .isEqualTo(11));
    }

    @Test
    void truncateModeDeliversTheHeadOfALongLineOnly() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "x".repeat(5000) + "\nnext\n");
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        h().start("cut", emitter, "app.log", "max.line.bytes", "1000", "line.too.long", "truncate",
                "read.buffer.size", "700");

        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("x".repeat(1000), "next"));
        assertThat(emitter.events().get(0).metadata()).containsEntry("truncated", "truncated");
    }

    @Test
    void anEmptyFileIsFollowedAndItsFirstLinesRead() throws IOException {
        Path log = dir.resolve("app.log");
        Files.createFile(log);
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        RotatingFileTailer tailer = h().start("empty", emitter, "app.log");
        await().untilAsserted(() -> assertThat(tailer.openFiles()).isEqualTo(1));
        assertThat(emitter.lines()).isEmpty();

        append(log, "first\n");
        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("first"));
    }

    @Test
    void aFileDeletedWhileOpenIsDrainedThenReleased() throws IOException {
        Path log = dir.resolve("app.log");
        RecordingEmitter emitter = RecordingEmitter.ackingAll();
        try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write("before\n".getBytes(UTF_8));
            out.flush();
            RotatingFileTailer tailer = h().start("deleted", emitter, "*.log", "close.idle.after", "300ms");
            await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("before"));

            Files.delete(log);
            out.write("written after the delete\n".getBytes(UTF_8));
            out.flush();

            await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("before", "written after the delete"));
            await().untilAsserted(() -> assertThat(tailer.openFiles()).isZero());
            await().untilAsserted(() -> assertThat(h().metrics.count(ReaderMetrics.ROTATIONS, tags("deleted").split(",")))
                    .isEqualTo(1));
        }
    }

    @Test
    void tenThousandFilesAreAllReadWithABoundedNumberOfOpenFiles() throws IOException {
        int count = 10_000;
        for (int d = 0; d < 10; d++) {
            Path sub = Files.createDirectories(dir.resolve("many/d" + d));
            for (int i = 0; i < count / 10; i++) {
                Files.write(sub.resolve("f" + i + ".log"), ("d" + d + "-f" + i + "\n").getBytes(UTF_8));
            }
        }
        RecordingEmitter emitter = RecordingEmitter.ackingAll();
        AtomicInteger maxOpen = new AtomicInteger();

        RotatingFileTailer tailer = h().start("many", emitter, "many/**/*.log", "max.open.files", 64,
                "rescan.interval", "1s");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            maxOpen.accumulateAndGet(tailer.openFiles(), Math::max);
            assertThat(emitter.events()).hasSize(count);
        });
        assertThat(maxOpen.get()).isLessThanOrEqualTo(64);
        assertThat(emitter.lines()).doesNotHaveDuplicates().contains("d0-f0", "d9-f999");
        assertThat(tailer.watchedFiles()).isEqualTo(count);

        append(dir.resolve("many/d3/f500.log"), "more\n");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(emitter.lines()).contains("more"));
        assertThat(tailer.openFiles()).isLessThanOrEqualTo(64);
    }

    @Test
    void aFileRotatedWhileClosedForLackOfHandlesIsReadToItsEndWhereItWentTo() throws IOException {
        List<String> names = List.of("a", "b", "c", "d");
        for (String n : names) {
            append(dir.resolve(n + ".log"), n + "-1\n");
        }
        RecordingEmitter emitter = RecordingEmitter.ackingAll();
        RotatingFileTailer tailer = h().start("few-handles", emitter, "*.log", "max.open.files", 2,
                "rescan.interval", "100ms");
        await().untilAsserted(() -> assertThat(emitter.lines()).hasSize(names.size()));
        assertThat(tailer.openFiles()).isLessThanOrEqualTo(2);

        // At least two of the files are closed now; each gets a last line and is rotated out of the patterns.
        for (String n : names) {
            append(dir.resolve(n + ".log"), n + "-2\n");
            Files.move(dir.resolve(n + ".log"), dir.resolve(n + ".log.1"));
        }

        await().untilAsserted(() -> assertThat(emitter.lines())
                .containsExactlyInAnyOrder("a-1", "b-1", "c-1", "d-1", "a-2", "b-2", "c-2", "d-2"));
        assertThat(tailer.openFiles()).isLessThanOrEqualTo(2);
    }

    @Test
    void aFileMatchedByTwoReadersIsReadByTheFirstOnly() throws IOException {
        Path log = dir.resolve("shared.log");
        append(log, "once\n");
        RecordingEmitter first = RecordingEmitter.ackingAll();
        RecordingEmitter second = RecordingEmitter.ackingAll();

        RotatingFileTailer a = h().start("first", first, "shared.log");
        await().untilAsserted(() -> assertThat(first.lines()).containsExactly("once"));
        h().start("second", second, new InMemoryCheckpointStore(), "*.log");
        await().untilAsserted(() -> assertThat(h().metrics.count(ReaderMetrics.ERRORS, tags("second").split(",")))
                .isEqualTo(1));

        append(log, "twice\n");
        await().untilAsserted(() -> assertThat(first.lines()).containsExactly("once", "twice"));
        assertThat(second.lines()).isEmpty();

        // When the first lets go, the second continues where the first was, without reading again.
        a.stop();
        append(log, "third\n");
        await().untilAsserted(() -> assertThat(second.lines()).containsExactly("third"));
    }

    @Test
    void aReaderWhoseIdChangedContinuesWhereTheOldIdLeftOff() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "a\nb\n");
        RecordingEmitter before = RecordingEmitter.ackingAll();
        RotatingFileTailer old = h().start("old-id", before, "app.log");
        await().untilAsserted(() -> assertThat(before.lines()).containsExactly("a", "b"));
        old.stop();

        append(log, "c\n");
        RecordingEmitter after = RecordingEmitter.ackingAll();
        h().start("new-id", after, new InMemoryCheckpointStore(), "*.log");

        await().untilAsserted(() -> assertThat(after.lines()).containsExactly("c"));
    }

    @Test
    void symbolicLinksAreFollowedOrSkippedAsConfigured() throws IOException {
        Path real = dir.resolve("real/app.txt");
        append(real, "through a link\n");
        Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(dir.resolve("links/app.log"), real);
        Files.createSymbolicLink(dir.resolve("links/sub"), dir.resolve("real"));
        RecordingEmitter follow = RecordingEmitter.ackingAll();
        RecordingEmitter skip = RecordingEmitter.ackingAll();

        h().start("skip", skip, "links/**", "symlinks", "skip");
        h().start("follow", follow, "links/**");

        await().untilAsserted(() -> assertThat(follow.lines()).containsExactly("through a link"));
        assertThat(skip.lines()).isEmpty();
    }

    @Test
    void lagIsReportedPerFile() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "l1\n");
        RecordingEmitter emitter = RecordingEmitter.ackingAll();

        h().start("lag", emitter, "app.log");

        await().untilAsserted(() -> assertThat(emitter.lines()).containsExactly("l1"));
        String[] fileTags = (tags("lag") + ",file," + log).split(",");
        await().untilAsserted(() -> assertThat(h().metrics.gauge(ReaderMetrics.LAG, fileTags)).isZero());
        assertThat(h().metrics.gauge(ReaderMetrics.OPEN, tags("lag").split(","))).isEqualTo(1);
    }

    @Test
    void restartsAtZeroAndCountsWhenAFileIsRewrittenFromTheStart() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, IntStream.range(0, 50).mapToObj(i -> "old-" + i + "\n").reduce("", String::concat));
        RecordingEmitter emitter = RecordingEmitter.ackingAll();
        h().start("rewrite", emitter, "app.log");
        await().untilAsserted(() -> assertThat(emitter.lines()).hasSize(50));

        // Truncated and grown past the old offset before the reader looked: only the first bytes tell.
        Files.writeString(log, IntStream.range(0, 80).mapToObj(i -> "new-" + i + "\n").reduce("", String::concat),
                UTF_8, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);

        await().untilAsserted(() -> assertThat(emitter.lines()).hasSize(130));
        assertThat(emitter.lines().subList(50, 130)).allMatch(l -> l.startsWith("new-"));
        assertThat(h().metrics.count(ReaderMetrics.TRUNCATIONS, tags("rewrite").split(","))).isEqualTo(1);
    }
}
