package io.tailpost.config.yaml.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigFileLoaderTest {
    private static final Path HOME = Path.of("/agent").toAbsolutePath();
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final FakeConfigurationAdmin admin = new FakeConfigurationAdmin();
    private final ConfigFileLoader loader = new ConfigFileLoader(
            new ConfigCompiler(Map.of(), TestCatalog.standard(), HOME, HOME.resolve("data")),
            new ConfigurationApplier(admin), Clock.fixed(NOW, ZoneOffset.UTC));

    private static final String VALID = """
            pipelines:
              app:
                readers: [{type: file, paths: [/a]}]
                senders: [{type: console}]
            """;

    private LoadResult load(String yaml) {
        return loader.load("tp.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void appliesAValidFileAndRecordsTheResult() {
        LoadResult result = load(VALID + "    processors: [{type: grok}]\n");

        assertThat(result.outcome()).isEqualTo(LoadResult.Outcome.APPLIED);
        assertThat(result.at()).isEqualTo(NOW);
        assertThat(result.pipelines()).containsExactly("app");
        assertThat(result.applied()).isEqualTo(new ApplyResult(4, 0, 0));
        assertThat(result.problems()).containsExactly("tp.yaml:5:25: warning: pipelines.app.processors[0].type:"
                + " processor type 'grok' is not installed: pipeline 'app' will wait for it");
        assertThat(admin.pids()).contains("tailpost.pipeline~app", "tailpost.processor.grok~app-grok-1");
    }

    @Test
    void aRejectedFileWritesNothing() {
        load(VALID);
        admin.writes.clear();

        LoadResult result = load(VALID.replace("senders: [{type: console}]", "senders: []")
                + "    buffer: {type: tape}\n");

        assertThat(result.outcome()).isEqualTo(LoadResult.Outcome.REJECTED);
        assertThat(result.problems()).containsExactly(
                "tp.yaml:4:14: error: pipelines.app.senders: must list at least one sender",
                "tp.yaml:5:20: error: pipelines.app.buffer.type: 'tape' is not a buffer type; expected one of:"
                        + " memory, disk");
        assertThat(admin.writes).isEmpty();
        assertThat(admin.pids()).containsExactly(
                "tailpost.pipeline~app", "tailpost.reader.file~app-file-1", "tailpost.sender.console~app-console-1");
    }

    @Test
    void aFileThatIsNotYamlWritesNothing() {
        load(VALID);
        admin.writes.clear();

        LoadResult result = load("pipelines: [\n");

        assertThat(result.outcome()).isEqualTo(LoadResult.Outcome.REJECTED);
        assertThat(result.problems()).singleElement().asString().startsWith("tp.yaml:2:1: error: YAML syntax error");
        assertThat(admin.writes).isEmpty();
    }

    @Test
    void anUnreadableFileIsRejected() {
        LoadResult result = loader.unreadable("tp.yaml", new NoSuchFileException("tp.yaml"));

        assertThat(result.outcome()).isEqualTo(LoadResult.Outcome.REJECTED);
        assertThat(result.problems()).containsExactly("tp.yaml: error: cannot read the file: no such file");
        assertThat(admin.writes).isEmpty();
    }

    @Test
    void contentThatIsNotUtf8IsRejected() {
        LoadResult result = loader.load("tp.yaml", new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28});

        assertThat(result.problems()).containsExactly("tp.yaml: error: the file is not valid UTF-8 text");
    }
}
