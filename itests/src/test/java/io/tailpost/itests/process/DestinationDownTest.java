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
import java.util.Map;

import io.tailpost.itests.support.HttpSink;
import org.junit.jupiter.api.Test;

/**
 * The destination goes down during a steady stream and comes back: nothing is lost, and
 * with the memory buffer the agent lives within a small heap while its readers wait.
 */
class DestinationDownTest extends AgentProcessTest {
    @Test
    void anOutageLosesNothingAndTheHeapStaysBounded() throws Exception {
        Path log = work.resolve("logs").resolve("app.log");
        Files.createDirectories(log.getParent());
        try (HttpSink sink = new HttpSink("\"message\":\"seq (\\d+) ")) {
            Path config = fileToHttpConfig(work.resolve("data"), "outage", log.getParent(), sink.url(), """
                    timeout: 2s
                    batch: {max_events: 500, timeout: 50ms}
                    retry: {initial: 50ms, max: 500ms}
                    """, "");
            // A heap far smaller than what the outage writes: the queues must stay bounded.
            Process agent = agents.start(config, Map.of("TAILPOST_JAVA_OPTS", "-Xmx64m"));
            append(log, 0, 20_000);
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.distinct() >= 20_000);

            sink.goDown();
            // About 55 MB of log lines, more than the whole heap, written while nothing can be delivered.
            for (int i = 1; i <= 20; i++) {
                append(log, i * 20_000, (i + 1) * 20_000);
            }
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(agent::isAlive);
            sink.comeBack();

            int total = 420_000;
            await().atMost(Duration.ofSeconds(120)).until(() -> sink.distinct() >= total || !agent.isAlive());
            assertThat(agent.isAlive()).as("agent alive (no out-of-memory exit)\n" + agents.output(0)).isTrue();
            assertThat(sink.distinct()).isEqualTo(total);
            assertThat(sink.unmatched()).isZero();
        }
    }

    private static void append(Path log, int from, int to) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (int i = from; i < to; i++) {
                w.write("seq " + i + " GET /api/catalog/items?page=" + (i % 40)
                        + " 200 1432 \"Mozilla/5.0 (X11; Linux x86_64)\" " + (i % 900) + "ms padding-padding-padding\n");
            }
        }
    }
}
