package io.tailpost.itests.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tailpost.itests.support.Agents;
import io.tailpost.itests.support.HttpSink;
import org.junit.jupiter.api.Test;

/**
 * Black-box test of the packaged agent: {@code bin/tailpost run} as a process tails a file
 * to a loopback HTTP server, is killed with SIGKILL mid-stream and started again; every
 * line arrives, and duplicates come only from what was in flight at the kill.
 */
class DistributionKillTest extends AgentProcessTest {
    private static final int BATCH = 500;


    @Test
    void sigkillMidStreamLosesNothingAndRepeatsOnlyTheInFlightBatches() throws Exception {
        int total = 60_000;
        Path log = work.resolve("logs").resolve("app.log");
        Files.createDirectories(log.getParent());
        Files.createFile(log);
        try (HttpSink sink = new HttpSink("\"message\":\"seq (\\d+) ")) {
            Path config = fileToHttpConfig(work.resolve("data"), "blackbox", log.getParent(), sink.url(),
                    "batch: {max_events: " + BATCH + ", timeout: 50ms}", "");

            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> writeSteadily(log, total, written), "line-writer");
            long t0 = System.nanoTime();
            Process first = agents.start(config);
            writer.start();

            await("first delivery").atMost(Duration.ofSeconds(60)).until(() -> sink.distinct() > total / 4);
            long startupMillis = TimeUnit.NANOSECONDS.toMillis(sink.firstLineNanos() - t0);
            Agents.kill(first);
            long atKill = sink.lines();
            assertThat(written.get()).as("killed mid-stream").isLessThan(total);

            agents.start(config);
            writer.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(written.get()).isEqualTo(total);
            await("all lines after restart").atMost(Duration.ofSeconds(90))
                    .until(() -> sink.distinct() >= total);

            assertThat(sink.distinct()).as("every line arrived\n" + agents.output(1)).isEqualTo(total);
            assertThat(sink.unmatched()).as("lines without a sequence number").isZero();
            assertThat(sink.duplicateLines())
                    .as("duplicates only from batches in flight at the kill (%d lines delivered by then, "
                            + "first line after %d ms)", atKill, startupMillis)
                    .isLessThanOrEqualTo(2L * BATCH);
        }
    }

    /** Appends numbered lines at about 10,000 lines a second, flushing every 100. */
    private static void writeSteadily(Path log, int total, AtomicInteger written) {
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                w.write("seq " + i + " GET /api/orders/" + (i * 7919 % 100_000) + " 200 " + (i % 997) + "ms\n");
                if (i % 100 == 99) {
                    w.flush();
                    written.set(i + 1);
                    long due = start + TimeUnit.MILLISECONDS.toNanos(i / 10);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            }
            w.flush();
            written.set(total);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
