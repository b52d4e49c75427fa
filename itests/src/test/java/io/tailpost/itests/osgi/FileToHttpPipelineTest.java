package io.tailpost.itests.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.tailpost.itests.support.HttpSink;
import io.tailpost.sdk.status.AgentStatus;
import io.tailpost.sdk.status.State;
import org.junit.jupiter.api.Test;
import org.osgi.test.common.annotation.InjectService;

/** A YAML file drives file -> json -> HTTP into a real server; every line arrives exactly once. */
public class FileToHttpPipelineTest {
    @InjectService(timeout = 10_000)
    AgentStatus status;

    @Test
    public void everyWrittenLineArrivesExactlyOnce() throws Exception {
        Agent.ensureJsonProcessor();
        Path logs = Agent.logDir("e2e");
        int total = 20_000;
        try (HttpSink sink = new HttpSink("\"seq\":(\\d+)")) {
            // Half the lines exist before the pipeline starts, half are appended while it runs.
            Path log = logs.resolve("app.log");
            writeJsonLines(log, 0, total / 2);
            Agent.writeConfig("""
                    pipelines:
                      e2e:
                        readers:
                          - type: file
                            id: e2e-files
                            paths: ["%s/*.log"]
                        processors:
                          - type: json
                        senders:
                          - type: http
                            url: %s
                            batch:
                              max_events: 500
                              timeout: 100ms
                    """.formatted(logs, sink.url()));
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.distinct() >= total / 2);
            writeJsonLines(log, total / 2, total);

            await().atMost(Duration.ofSeconds(60)).until(() -> sink.distinct() >= total);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> sink.lines() == total);
            assertThat(sink.duplicates()).isZero();
            assertThat(sink.unmatched()).isZero();
            assertThat(Agent.pipeline(status, "e2e")).get().satisfies(p -> {
                assertThat(p.state()).isEqualTo(State.RUNNING);
                assertThat(p.eventsIn()).isEqualTo(total);
            });
        }
    }

    static void writeJsonLines(Path file, int from, int to) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = from; i < to; i++) {
                w.write("{\"seq\":" + i + ",\"level\":\"info\",\"msg\":\"request served \\\"ok\\\"\"}\n");
            }
        }
    }
}
