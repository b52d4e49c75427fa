package io.tailpost.itests.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Dictionary;
import java.util.List;

import io.tailpost.itests.support.HttpSink;
import io.tailpost.itests.support.PipelineYaml;
import io.tailpost.sdk.status.AgentStatus;
import io.tailpost.sdk.status.State;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;

/** An invalid YAML file is rejected with line:column, and the running pipelines keep running. */
public class InvalidConfigTest {
    @InjectService(timeout = 10_000)
    AgentStatus status;

    @InjectService(timeout = 10_000)
    ConfigurationAdmin configAdmin;

    /** The reader's configuration as ConfigAdmin holds it now. */
    private Dictionary<String, Object> readerConfig() throws Exception {
        Configuration[] found = configAdmin.listConfigurations("(tailpost.id=keep-file-1)");
        assertThat(found).as("configuration of reader keep-file-1").hasSize(1);
        return found[0].getProperties();
    }

    @Test
    public void invalidFileIsRejectedAndRunningPipelinesStay() throws Exception {
        Path logs = Agent.logDir("keep");
        try (HttpSink sink = new HttpSink("\"message\":\"keep (\\d+)\"")) {
            Path log = logs.resolve("keep.log");
            append(log, 0, 100);
            String good = PipelineYaml.fileToHttp("keep", logs, sink.url(), "batch: {max_events: 50, timeout: 50ms}\n", "");
            Agent.writeConfig(good);
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.distinct() == 100);

            // A misspelt key on line 6 and a bad size on line 10.
            String bad = """
                    pipelines:
                      keep:
                        readers:
                          - type: file
                            paths: ["%s/*.log"]
                            pathz: ["/nowhere"]
                        senders:
                          - type: http
                            url: %s
                            batch: {max_events: 50, max_bytes: lots}
                    """.formatted(logs, sink.url());
            Path badCopy = Agent.configFile().resolveSibling("bad-copy.yaml");
            Files.writeString(badCopy, bad);
            List<String> problems = Agent.validate(badCopy);
            assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(badCopy + ":6:").contains("pathz"));
            assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(badCopy + ":10:").contains("lots"));

            Object pathsBefore = readerConfig().get("paths");
            Agent.writeConfig(bad);
            // Several reload periods pass and the stored configuration stays as it was.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> readerConfig().get("pathz") == null);
            assertThat(readerConfig().get("paths")).isEqualTo(pathsBefore);

            // The same pipeline instance keeps running: new lines arrive and its counters go on.
            append(log, 100, 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.distinct() == 200);
            assertThat(Agent.pipeline(status, "keep")).get().satisfies(p -> {
                assertThat(p.state()).isEqualTo(State.RUNNING);
                assertThat(p.eventsIn()).isEqualTo(200);
            });
            assertThat(sink.duplicates()).isZero();
        }
    }

    private static void append(Path log, int from, int to) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (int i = from; i < to; i++) {
                w.write("keep " + i + "\n");
            }
        }
    }
}
