package io.tailpost.itests.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.tailpost.itests.support.HttpSink;
import org.junit.jupiter.api.Test;

/**
 * A secret given as {@code ${VAR}} reaches the destination, and no file the agent writes
 * (framework cache with ConfigAdmin's state, checkpoints, its output) ever holds it.
 */
class SecretOnDiskTest extends AgentProcessTest {
    @Test
    void aSecretFromTheEnvironmentReachesTheDestinationButNeverTheDisk() throws Exception {
        String secret = "tp-" + UUID.randomUUID();
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        Files.writeString(logs.resolve("app.log"), "seq 0 hello\n");
        try (HttpSink sink = new HttpSink("\"message\":\"seq (\\d+) ")) {
            Path config = fileToHttpConfig(work.resolve("data"), "secret", logs, sink.url(), "auth: corp-key\n", "");
            Files.writeString(config, """
                    security:
                      corp-key:
                        type: api_key
                        key: ${TP_TEST_API_KEY}
                    """, StandardOpenOption.APPEND);
            agents.start(config, Map.of("TP_TEST_API_KEY", secret));

            await().atMost(Duration.ofSeconds(30)).until(() -> sink.distinct() >= 1);
            assertThat(sink.lastApiKey()).isEqualTo(secret);
            // While the agent runs: its configuration is live in ConfigAdmin.
            assertThat(filesHolding(secret)).isEmpty();
            agents.close();
            assertThat(filesHolding(secret)).isEmpty();
        }
    }

    private List<Path> filesHolding(String text) throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            return files.filter(Files::isRegularFile).filter(f -> read(f).contains(text)).toList();
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
