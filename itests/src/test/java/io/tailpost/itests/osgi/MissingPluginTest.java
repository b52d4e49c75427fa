package io.tailpost.itests.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import io.tailpost.itests.support.HttpSink;
import io.tailpost.sdk.status.AgentStatus;
import io.tailpost.sdk.status.State;
import org.junit.jupiter.api.Test;
import org.osgi.test.common.annotation.InjectService;

/** A pipeline whose processor bundle is absent waits, and runs once the bundle is installed. */
public class MissingPluginTest {
    @InjectService(timeout = 10_000)
    AgentStatus status;

    @Test
    public void pipelineWaitsForItsProcessorBundleAndRunsWhenInstalled() throws Exception {
        Agent.uninstallJsonProcessor();
        Path logs = Agent.logDir("waiting");
        try (HttpSink sink = new HttpSink("\"seq\":(\\d+)")) {
            FileToHttpPipelineTest.writeJsonLines(logs.resolve("a.log"), 0, 1_000);
            Agent.writeConfig("""
                    pipelines:
                      waiting:
                        readers:
                          - type: file
                            paths: ["%s/*.log"]
                        processors:
                          - type: json
                        senders:
                          - type: http
                            url: %s
                            batch: {max_events: 100, timeout: 100ms}
                    """.formatted(logs, sink.url()));

            await().atMost(Duration.ofSeconds(30)).until(() -> Agent.pipeline(status, "waiting")
                    .filter(p -> p.state() == State.WAITING).isPresent());
            assertThat(Agent.pipeline(status, "waiting").get().reason()).contains("processor/json");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> sink.lines() == 0);

            Agent.ensureJsonProcessor();

            await().atMost(Duration.ofSeconds(30)).until(() -> Agent.pipeline(status, "waiting")
                    .filter(p -> p.state() == State.RUNNING).isPresent());
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.distinct() == 1_000);
            assertThat(sink.duplicates()).isZero();
        }
    }
}
