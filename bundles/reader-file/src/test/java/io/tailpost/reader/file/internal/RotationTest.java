package io.tailpost.reader.file.internal;

import static io.tailpost.reader.file.internal.ReaderHarness.append;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation while a writer writes: what is written arrives once. */
class RotationTest {
    @TempDir
    Path dir;

    private ReaderHarness harness;
    private ScheduledExecutorService scheduler;

    @AfterEach
    void stop() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (harness != null) {
            harness.close();
        }
    }

    /** A writer that appends numbered lines to a path and reopens it when told the file was rotated. */
    private static final class Writer {
        private final Path path;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicBoolean rotated = new AtomicBoolean();
        private OutputStream out;

        Writer(Path path) {
            this.path = path;
        }

        /** Writes {@code count} lines, each flushed on its own. */
        synchronized void write(int count) {
            try {
                if (out == null || rotated.getAndSet(false)) {
                    if (out != null) {
                        out.close();
                    }
                    out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                for (int i = 0; i < count; i++) {
                    out.write(("line-" + next.getAndIncrement() + "\n").getBytes(UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        synchronized void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }

        int written() {
            return next.get();
        }
    }

    @Test
    void renameRotationEverySecondFor30SecondsUnderLoadLosesAndRepeatsNothing() throws Exception {
        harness = new ReaderHarness(dir);
        Path log = dir.resolve("app.log");
        Writer writer = new Writer(log);
        RecordingEmitter emitter = RecordingEmitter.ackingAll();
        harness.start("load", emitter, "app.log", "close.idle.after", "2s", "rescan.interval", "100ms");

        // 20 lines every 10 ms (2,000 lines/s); a rename every second, announced to the writer
        // after the fact, so it keeps writing to the renamed file for a moment, as real ones do.
        scheduler = Executors.newScheduledThreadPool(2);
        AtomicInteger rotations = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        scheduler.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)) {
                writer.write(20);
            } else {
                done.countDown();
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(() -> {
            try {
                if (Files.exists(log)) {
                    Files.move(log, dir.resolve("app.log." + rotations.incrementAndGet()));
                    writer.rotated.set(true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, 1, 1, TimeUnit.SECONDS);

        assertThat(done.await(90, TimeUnit.SECONDS)).isTrue();
        scheduler.shutdownNow();
        assertThat(scheduler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        writer.close();
        int written = writer.written();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(emitter.events()).hasSize(written));
        List<String> lines = emitter.lines();
        assertThat(lines).doesNotHaveDuplicates();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < written; i++) {
            expected.add("line-" + i);
        }
        assertThat(new HashSet<>(lines)).isEqualTo(expected);
        assertThat(rotations.get()).isGreaterThanOrEqualTo(20);
        assertThat(written).isGreaterThan(20_000);
    }

    @Test
    void copyTruncateLosesAtMostWhatWasWrittenBetweenTheCopyAndTheTruncate() throws IOException {
        harness = new ReaderHarness(dir);
        Path log = dir.resolve("app.log");
        RecordingEmitter emitter = RecordingEmitter.ackingAll();
        harness.start("copytruncate", emitter, "app.log");
        Set<String> between = new HashSet<>();
        int next = 0;

        for (int cycle = 0; cycle < 5; cycle++) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                lines.append("line-").append(next++).append('\n');
            }
            append(log, lines.toString());
            int expectedSoFar = next - between.size();
            await().untilAsserted(() -> assertThat(emitter.lines()).hasSizeGreaterThanOrEqualTo(expectedSoFar - 10));
            Files.copy(log, dir.resolve("app.log.1"), StandardCopyOption.REPLACE_EXISTING);
            for (int i = 0; i < 10; i++) {
                between.add("line-" + next);
                append(log, "line-" + next++ + "\n");
            }
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
        }
        append(log, "last\n");

        await().untilAsserted(() -> assertThat(emitter.lines()).contains("last"));
        List<String> received = emitter.lines();
        assertThat(received).doesNotHaveDuplicates();
        Set<String> missing = new HashSet<>();
        for (int i = 0; i < next; i++) {
            missing.add("line-" + i);
        }
        missing.removeAll(received);
        assertThat(between).containsAll(missing);
        assertThat(harness.metrics.count(ReaderMetrics.TRUNCATIONS, "pipeline", "test", "component", "copytruncate"))
                .isGreaterThanOrEqualTo(5);
    }
}
