package io.tailpost.config.yaml.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlValidationServiceTest {
    @TempDir
    Path dir;

    private List<String> validate(String file, Map<String, String> env) {
        return YamlValidationService.validate(file, env, TestCatalog.standard(),
                new AgentPaths(dir, dir.resolve("data")));
    }

    @Test
    void aValidFileHasNoLines() throws IOException {
        Path file = Files.writeString(dir.resolve("ok.yaml"), """
                pipelines:
                  app:
                    readers: [{type: file, paths: ["${LOGS}"]}]
                    senders: [{type: console}]
                """);

        assertThat(validate(file.toString(), Map.of("LOGS", "/var/log/*.log"))).isEmpty();
    }

    @Test
    void returnsEveryProblemLine() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                pipelines:
                  app:
                    readers: [{type: file, paths: ["${LOGS}"]}]
                    senders: [{type: kafka}]
                """);

        assertThat(validate(file.toString(), Map.of())).containsExactly(
                file + ":3:36: error: pipelines.app.readers[0].paths[0]: environment variable 'LOGS' is not set"
                        + " and has no default (write ${LOGS:-default} to give one)",
                file + ":4:22: warning: pipelines.app.senders[0].type: sender type 'kafka' is not installed:"
                        + " pipeline 'app' will wait for it");
    }

    @Test
    void aMissingFileIsOneError() {
        String file = dir.resolve("missing.yaml").toString();

        assertThat(validate(file, Map.of())).containsExactly(file + ": error: cannot read the file: no such file");
    }
}
