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
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.tailpost.itests.support.Agents;
import io.tailpost.itests.support.HttpSink;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent runs file -> disk buffer -> HTTP while it is killed with SIGKILL at
 * random moments ten times and started again each time: every line arrives at least
 * once, and duplicates stay within what was in flight at each kill.
 */
class DiskBufferKillLoopTest extends AgentProcessTest {
    private static final int BATCH = 200;
    private static final int KILLS = 10;


    @Test
    void tenKillsLoseNothing() throws Exception {
        int perRound = 3_000;
        Path log = work.resolve("logs").resolve("app.log");
        Files.createDirectories(log.getParent());
        Random random = new Random(42);
        try (HttpSink sink = new HttpSink("\"message\":\"seq (\\d+) ")) {
            Path config = fileToHttpConfig(work.resolve("data"), "loop", log.getParent(), sink.url(),
                    "batch: {max_events: " + BATCH + ", timeout: 50ms}", """
                    buffer:
                      type: disk
                      fsync: every_batch
                    """);

            int written = 0;
            for (int round = 0; round < KILLS; round++) {
                append(log, written, written + perRound);
                written += perRound;
                Process agent = agents.start(config);
                int target = written - perRound + random.nextInt(perRound);
                await("round " + round).atMost(Duration.ofSeconds(60)).until(() -> sink.distinct() >= target);
                Agents.kill(agent); // at a random point of the round
            }
            agents.start(config);
            int total = written;
            await("all lines").atMost(Duration.ofSeconds(90)).until(() -> sink.distinct() >= total);

            assertThat(sink.distinct()).isEqualTo(total);
            assertThat(sink.unmatched()).isZero();
            // Each kill can repeat at most the batches in flight (one per sender) plus the
            // buffered batches acknowledged after the last persisted buffer position.
            assertThat(sink.duplicateLines()).isLessThanOrEqualTo((long) KILLS * 4 * BATCH);
        }
    }

    private static void append(Path log, int from, int to) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (int i = from; i < to; i++) {
                w.write("seq " + i + " POST /api/orders 201 " + (i % 500) + "ms\n");
            }
        }
    }
}
