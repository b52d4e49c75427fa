package io.tailpost.itests.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.tailpost.itests.support.HttpSink;
import io.tailpost.itests.support.PipelineYaml;
import io.tailpost.sdk.status.AgentStatus;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.test.common.annotation.InjectService;

/** The HTTP sender bundle is updated while 100k events flow: none is lost, none repeated. */
public class SenderUpdateTest {
    @InjectService(timeout = 10_000)
    AgentStatus status;

    @Test
    public void updatingTheSenderBundleMidStreamLosesNothing() throws Exception {
        int total = 100_000;
        Path logs = Agent.logDir("update");
        try (HttpSink sink = new HttpSink("\"message\":\"line (\\d+) ")) {
            try (BufferedWriter w = Files.newBufferedWriter(logs.resolve("big.log"), StandardCharsets.UTF_8)) {
                for (int i = 0; i < total; i++) {
                    w.write("line " + i + " of the update test, with some padding to look like a log line\n");
                }
            }
            Agent.writeConfig(PipelineYaml.fileToHttp("update", logs, sink.url(),
                    "batch: {max_events: 200, timeout: 50ms}\n", ""));

            await().atMost(Duration.ofSeconds(30)).until(() -> sink.distinct() > 5_000);
            Bundle sender = Agent.bundle("io.tailpost.sender.http").orElseThrow();
            long before = sink.distinct();
            sender.update();
            assertThat(before).as("the update happened mid-stream").isLessThan(total);

            await().atMost(Duration.ofSeconds(90)).until(() -> sink.distinct() >= total);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> sink.lines() == total);
            assertThat(sink.duplicates()).isZero();
            assertThat(sender.getState()).isEqualTo(Bundle.ACTIVE);
        }
    }
}
