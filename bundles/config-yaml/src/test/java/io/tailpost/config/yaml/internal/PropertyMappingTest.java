package io.tailpost.config.yaml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How a valid file becomes factory configurations and their properties. */
class PropertyMappingTest {
    private static final Path HOME = Path.of("/opt/tailpost").toAbsolutePath();

    private static DesiredState compile(String yaml) {
        Compilation c = new ConfigCompiler(Map.of("LEVEL", "5", "HOST", "logs.example.org"),
                TestCatalog.standard(), HOME, HOME.resolve("var/data")).compile("tp.yaml", yaml);
        assertThat(c.hasErrors()).as("problems: %s", c.lines()).isFalse();
        return c.state();
    }

    private static Map<String, Object> properties(DesiredState state, String pid) {
        return state.configurations().stream().filter(d -> d.pid().equals(pid)).findFirst()
                .orElseThrow(() -> new AssertionError(pid + " not in " + state.configurations()))
                .properties();
    }

    @Test
    void describedPluginKeysAreRenamedAndTyped() {
        DesiredState state = compile("""
                pipelines:
                  app:
                    readers:
                      - type: file
                        id: app-logs
                        paths: /var/log/app.log
                        max_line_bytes: 4096
                        read_from_head: "true"
                    senders:
                      - type: http
                        url: https://${HOST}/ingest
                        tls: {ca_file: /etc/ca.pem}
                        compression_level: ${LEVEL}
                        sample_ratio: 1
                """);

        assertThat(properties(state, "tailpost.reader.file~app-logs")).containsOnly(
                entry("paths", new String[] {"/var/log/app.log"}),
                entry("max.line.bytes", 4096),
                entry("read.from.head", true),
                entry("tailpost.pipeline", "app"),
                entry("tailpost.id", "app-logs"),
                entry("tailpost.type", "file"));
        assertThat(properties(state, "tailpost.sender.http~app-http-1")).containsOnly(
                entry("url", "https://logs.example.org/ingest"),
                entry("tls.ca.file", "/etc/ca.pem"),
                entry("compression.level", 5L),
                entry("sample.ratio", 1.0),
                entry("tailpost.pipeline", "app"),
                entry("tailpost.id", "app-http-1"),
                entry("tailpost.type", "http"));
    }

    @Test
    void senderBatchAndRetryBecomeNumbers() {
        DesiredState state = compile("""
                pipelines:
                  app:
                    readers: [{type: file, paths: [/a]}]
                    senders:
                      - type: console
                        batch: {max_events: 500, max_bytes: 2MiB, timeout: 5s}
                        retry: {initial: 250ms, max: 1m}
                """);

        assertThat(properties(state, "tailpost.sender.console~app-console-1")).contains(
                entry("batch.max.events", 500),
                entry("batch.max.bytes", 2L * 1024 * 1024),
                entry("batch.timeout.ms", 5000L),
                entry("retry.initial.ms", 250L),
                entry("retry.max.ms", 60_000L));
    }

    @Test
    void senderConcurrencyIsANumberOrAdaptive() {
        DesiredState state = compile("""
                pipelines:
                  app:
                    readers: [{type: file, paths: [/a]}]
                    senders:
                      - type: console
                        concurrency: 4
                      - type: console
                        concurrency: adaptive
                        dead_letter: rejected/app.ndjson
                """);

        assertThat(properties(state, "tailpost.sender.console~app-console-1")).contains(entry("concurrency", 4));
        assertThat(properties(state, "tailpost.sender.console~app-console-2")).contains(entry("concurrency", "adaptive"),
                entry("dead.letter", "rejected/app.ndjson"));
    }

    @Test
    void valuesOfUncheckedPluginsPassAsYamlTypedThem() {
        DesiredState state = compile("""
                pipelines:
                  app:
                    readers: [{type: file, paths: [/a]}]
                    processors:
                      - type: grok
                        pattern: "%{WORD:w}"
                        max_fields: 10
                        strict: false
                        ratio: 0.5
                        names: [a, 2, true]
                        nested: {some_key: x}
                      - type: json
                        field_name: message
                    senders: [{type: console}]
                """);

        assertThat(properties(state, "tailpost.processor.grok~app-grok-1")).containsOnly(
                entry("pattern", "%{WORD:w}"),
                entry("max.fields", 10L),
                entry("strict", false),
                entry("ratio", 0.5),
                entry("names", new String[] {"a", "2", "true"}),
                entry("nested.some.key", "x"),
                entry("tailpost.pipeline", "app"),
                entry("tailpost.id", "app-grok-1"),
                entry("tailpost.type", "grok"));
        assertThat(properties(state, "tailpost.processor.json~app-json-1")).contains(entry("field.name", "message"));
    }

    @Test
    void defaultIdsCountPerPipelineAndType() {
        DesiredState state = compile("""
                pipelines:
                  app:
                    readers:
                      - {type: file, paths: [/a]}
                      - {type: file, id: special, paths: [/b]}
                      - {type: file, paths: [/c]}
                    senders:
                      - {type: file}
                      - {type: console}
                  other:
                    readers: [{type: file, paths: [/d]}]
                    senders: [{type: console}]
                """);

        assertThat(state.configurations()).extracting(DesiredConfiguration::pid).containsExactly(
                "tailpost.reader.file~app-file-1",
                "tailpost.reader.file~special",
                "tailpost.reader.file~app-file-3",
                "tailpost.sender.file~app-file-4",
                "tailpost.sender.console~app-console-1",
                "tailpost.reader.file~other-file-1",
                "tailpost.sender.console~other-console-1",
                "tailpost.pipeline~app",
                "tailpost.pipeline~other");
    }

    @Test
    void eachPipelineGetsItsOwnConfiguration() {
        DesiredState state = compile("""
                pipelines:
                  app:
                    readers:
                      - {type: file, paths: [/a]}
                      - {type: file, id: b, paths: [/b]}
                    processors:
                      - {type: json}
                    senders:
                      - {type: http, url: "http://127.0.0.1/"}
                    buffer: {max_events: 500, max_bytes: 1MiB}
                """);

        assertThat(properties(state, "tailpost.pipeline~app")).containsOnly(
                entry("name", "app"),
                entry("reader.ids", new String[] {"app-file-1", "b"}),
                entry("reader.types", new String[] {"file", "file"}),
                entry("processor.ids", new String[] {"app-json-1"}),
                entry("processor.types", new String[] {"json"}),
                entry("sender.ids", new String[] {"app-http-1"}),
                entry("sender.types", new String[] {"http"}),
                entry("readers.target", "(tailpost.pipeline=app)"),
                entry("processors.target", "(tailpost.pipeline=app)"),
                entry("senders.target", "(tailpost.pipeline=app)"),
                entry("buffer.type", "memory"),
                entry("buffer.max.events", 500),
                entry("buffer.max.bytes", 1024L * 1024),
                entry("data.dir", HOME.resolve("var/data").toString()));
    }

    @Test
    void bufferDefaultsAndEmptyProcessorLists() {
        DesiredState state = compile("""
                pipelines:
                  app:
                    readers: [{type: file, paths: [/a]}]
                    senders: [{type: console}]
                """);

        assertThat(properties(state, "tailpost.pipeline~app")).contains(
                entry("processor.ids", new String[0]),
                entry("processor.types", new String[0]),
                entry("buffer.type", "memory"),
                entry("buffer.max.events", 10_000),
                entry("buffer.max.bytes", 64L * 1024 * 1024));
    }

    @Test
    void dataDirIsResolvedAgainstTheHome() {
        String pipelines = """
                pipelines:
                  app:
                    readers: [{type: file, paths: [/a]}]
                    senders: [{type: console}]
                """;
        Path absolute = Path.of("/srv/tp-data").toAbsolutePath();

        assertThat(properties(compile("data_dir: state/../data\n" + pipelines), "tailpost.pipeline~app"))
                .containsEntry("data.dir", HOME.resolve("data").toString());
        assertThat(properties(compile("data_dir: " + absolute + "\n" + pipelines), "tailpost.pipeline~app"))
                .containsEntry("data.dir", absolute.toString());
    }

    @Test
    void aScalarBecomesAOneElementListAndListsKeepTheirOrder() {
        DesiredState state = compile("""
                pipelines:
                  app:
                    readers:
                      - {type: file, paths: [/b, /a, /c]}
                    senders: [{type: console}]
                """);

        assertThat(properties(state, "tailpost.reader.file~app-file-1").get("paths"))
                .isEqualTo(new String[] {"/b", "/a", "/c"});
        assertThat(List.of(state.pipelines())).hasSize(1);
    }
}
