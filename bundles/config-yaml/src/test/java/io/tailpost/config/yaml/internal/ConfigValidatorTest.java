package io.tailpost.config.yaml.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every validation rule, with the exact position and key path of its message. */
class ConfigValidatorTest {
    private static final Path HOME = Path.of("/agent").toAbsolutePath();

    private static Compilation compile(String yaml) {
        return new ConfigCompiler(Map.of(), TestCatalog.standard(), HOME, HOME.resolve("data"))
                .compile("tp.yaml", yaml);
    }

    private static List<String> problems(String yaml) {
        return compile(yaml).lines();
    }

    /** A valid pipeline body to build broken files around. */
    private static final String VALID = """
            pipelines:
              app:
                readers:
                  - type: file
                    paths: [/var/log/app.log]
                senders:
                  - type: http
                    url: http://127.0.0.1:8080/
            """;

    @Test
    void aValidFileHasNoProblems() {
        Compilation c = compile(VALID);

        assertThat(c.lines()).isEmpty();
        assertThat(c.hasErrors()).isFalse();
        assertThat(c.state().pipelines()).containsExactly("app");
    }

    @Test
    void theTopLevelMustBeAMapping() {
        assertThat(problems("- a\n- b\n")).containsExactly(
                "tp.yaml:1:1: error: expected a mapping with the key 'pipelines' at the top of the file, got a list");
    }

    @Test
    void unknownTopLevelKeysAreErrors() {
        assertThat(problems("pipeline: {}\n" + VALID)).containsExactly(
                "tp.yaml:1:1: error: pipeline: unknown key 'pipeline' at the top level; expected one of:"
                        + " data_dir, security, pipelines");
    }

    @Test
    void pipelinesIsRequiredAndNotEmpty() {
        assertThat(problems("data_dir: /x\n")).containsExactly(
                "tp.yaml:1:1: error: missing required key 'pipelines' (a mapping of pipeline names to pipelines)");
        assertThat(problems("pipelines: {}\n")).containsExactly(
                "tp.yaml:1:1: error: pipelines: no pipeline is defined; define at least one");
        assertThat(problems("pipelines: [a]\n")).containsExactly(
                "tp.yaml:1:12: error: pipelines: expected a mapping, got a list");
    }

    @Test
    void dataDirMustBeAString() {
        assertThat(problems("data_dir: [a]\n" + VALID)).containsExactly(
                "tp.yaml:1:11: error: data_dir: expected a string, got a list");
    }

    @Test
    void pipelineNamesAreRestricted() {
        assertThat(problems(VALID.replace("  app:", "  my app:"))).containsExactly(
                "tp.yaml:2:3: error: pipelines.my app: pipeline name 'my app' may only contain letters, digits,"
                        + " '_', '.' and '-'");
    }

    @Test
    void aPipelineMustBeAMapping() {
        assertThat(problems("pipelines:\n  app: 3\n")).containsExactly(
                "tp.yaml:2:8: error: pipelines.app: expected a mapping, got a value");
    }

    @Test
    void unknownPipelineKeysAreErrors() {
        assertThat(problems(VALID + "    foo: 1\n")).containsExactly(
                "tp.yaml:9:5: error: pipelines.app.foo: unknown key 'foo' in pipeline 'app'; expected one of:"
                        + " readers, processors, senders, buffer");
    }

    @Test
    void readersAndSendersAreRequiredNonEmptyLists() {
        assertThat(problems("""
                pipelines:
                  a:
                    senders: [{type: console}]
                  b:
                    readers: []
                    senders: {type: console}
                  c:
                    readers:
                    senders: [{type: console}]
                    processors: 3
                """)).containsExactly(
                "tp.yaml:2:3: error: pipelines.a: pipeline 'a' needs 'readers': a list of at least one reader",
                "tp.yaml:5:14: error: pipelines.b.readers: must list at least one reader",
                "tp.yaml:6:14: error: pipelines.b.senders: expected a list of sender entries, got a mapping",
                "tp.yaml:8:5: error: pipelines.c.readers: pipeline 'c' needs 'readers': a list of at least one reader",
                "tp.yaml:10:17: error: pipelines.c.processors: expected a list of processor entries, got a value");
    }

    @Test
    void processorsAreOptional() {
        assertThat(problems(VALID + "    processors:\n")).isEmpty();
        assertThat(problems(VALID + "    processors: [{type: json}]\n")).isEmpty();
    }

    @Test
    void bufferIsChecked() {
        assertThat(problems(VALID + """
                    buffer:
                      type: tape
                      max_events: 0
                      max_bytes: 12 parsecs
                      size: 3
                """)).containsExactly(
                "tp.yaml:10:13: error: pipelines.app.buffer.type: 'tape' is not a buffer type; expected one of:"
                        + " memory, disk",
                "tp.yaml:11:19: error: pipelines.app.buffer.max_events: expected an integer from 1 to 2147483647,"
                        + " got '0'",
                "tp.yaml:12:18: error: pipelines.app.buffer.max_bytes: '12 parsecs' has an unknown size unit"
                        + " 'parsecs' (use B, KB, MB, GB, KiB, MiB or GiB)",
                "tp.yaml:13:7: error: pipelines.app.buffer.size: unknown key 'size' in buffer; expected one of:"
                        + " type, max_events, max_bytes, when_full, fsync, fsync_interval, segment_size");
    }

    @Test
    void diskBufferKeysAreCheckedAndNeedADiskBuffer() {
        assertThat(problems(VALID + """
                    buffer:
                      type: disk
                      when_full: panic
                      fsync: always
                      fsync_interval: soon
                """)).containsExactly(
                "tp.yaml:11:18: error: pipelines.app.buffer.when_full: 'panic' is not a buffer when full; expected"
                        + " one of: block, drop_oldest, drop_newest",
                "tp.yaml:12:14: error: pipelines.app.buffer.fsync: 'always' is not a buffer fsync; expected one of:"
                        + " every_batch, interval, never",
                "tp.yaml:13:23: error: pipelines.app.buffer.fsync_interval: 'soon' is not a duration (use e.g."
                        + " 250ms, 5s, 2m, 1h)");
        assertThat(problems(VALID + """
                    buffer:
                      fsync: never
                """)).containsExactly("tp.yaml:10:7: error: pipelines.app.buffer.fsync: 'fsync' applies to a disk"
                        + " buffer only; add 'type: disk'");
    }

    @Test
    void componentEntriesNeedAType() {
        assertThat(problems("""
                pipelines:
                  app:
                    readers:
                      - file
                      - paths: [/a]
                      - type: "my file"
                      - type: file
                        id: "a b"
                        paths: [/a]
                    senders: [{type: console}]
                """)).containsExactly(
                "tp.yaml:4:9: error: pipelines.app.readers[0]: expected a mapping with at least 'type', got a value",
                "tp.yaml:5:9: error: pipelines.app.readers[1]: missing required key 'type' (the reader plugin"
                        + " type, e.g. 'type: file')",
                "tp.yaml:6:15: error: pipelines.app.readers[2].type: 'my file' may only contain letters, digits,"
                        + " '_', '.' and '-'",
                "tp.yaml:8:13: error: pipelines.app.readers[3].id: 'a b' may only contain letters, digits, '_',"
                        + " '.' and '-'");
    }

    @Test
    void idsAreUniqueAcrossTheWholeFile() {
        assertThat(problems("""
                pipelines:
                  a:
                    readers:
                      - type: file
                        id: logs
                        paths: [/a]
                    senders: [{type: console}]
                  b:
                    readers:
                      - type: file
                        id: logs
                        paths: [/b]
                      - type: file
                        id: b-file-3
                        paths: [/b]
                      - type: file
                        paths: [/b]
                    senders: [{type: console}]
                """)).containsExactly(
                "tp.yaml:11:13: error: pipelines.b.readers[0].id: duplicate id 'logs': already used by"
                        + " pipelines.a.readers[0] (line 4)",
                "tp.yaml:16:9: error: pipelines.b.readers[2]: the default id 'b-file-3' is already used by"
                        + " pipelines.b.readers[1] (line 13); give this entry an id");
    }

    @Test
    void pluginKeysAreCheckedAgainstTheMetatype() {
        assertThat(problems("""
                pipelines:
                  app:
                    readers:
                      - type: file
                        max_line_byte: 10
                        max_line_bytes: lots
                        read_from_head: [true]
                    senders:
                      - type: http
                        format: xml
                        compression_level: 1.5
                        tls: {ca_fil: /ca.pem}
                        service_ranking: 3
                      - type: console
                        colour: true
                """)).containsExactly(
                "tp.yaml:4:9: error: pipelines.app.readers[0]: missing required key 'paths' for reader type 'file'",
                "tp.yaml:5:9: error: pipelines.app.readers[0].max_line_byte: unknown key 'max_line_byte' for reader"
                        + " type 'file'; expected one of: max_line_bytes, paths, poll_interval, read_from_head",
                "tp.yaml:6:25: error: pipelines.app.readers[0].max_line_bytes: expected an integer, got 'lots'",
                "tp.yaml:7:25: error: pipelines.app.readers[0].read_from_head: expected a single value, got a list",
                "tp.yaml:9:9: error: pipelines.app.senders[0]: missing required key 'url' for sender type 'http'",
                "tp.yaml:10:17: error: pipelines.app.senders[0].format: 'xml' is not allowed; expected one of:"
                        + " ndjson, json",
                "tp.yaml:11:28: error: pipelines.app.senders[0].compression_level: expected an integer, got '1.5'",
                "tp.yaml:12:15: error: pipelines.app.senders[0].tls.ca_fil: unknown key 'tls.ca_fil' for sender"
                        + " type 'http'; expected one of: auth, batch, compression_level, concurrency, dead_letter, format, retry,"
                        + " sample_ratio, tls_ca_file, url",
                "tp.yaml:13:9: error: pipelines.app.senders[0].service_ranking: key 'service_ranking' is reserved:"
                        + " it would set 'service.ranking', which TailPost or the framework sets",
                "tp.yaml:15:9: error: pipelines.app.senders[1].colour: unknown key 'colour' for sender type"
                        + " 'console'; expected one of: batch, concurrency, dead_letter, retry");
    }

    @Test
    void pluginKeysNeedAValue() {
        assertThat(problems(VALID + "        format:\n")).containsExactly(
                "tp.yaml:9:16: error: pipelines.app.senders[0].format: no value given; give a value or remove"
                        + " the key");
    }

    @Test
    void twoSpellingsOfOneKeyAreAnError() {
        assertThat(problems(VALID + "        tls_ca_file: /a\n        tls: {ca_file: /b}\n")).containsExactly(
                "tp.yaml:10:15: error: pipelines.app.senders[0].tls.ca_file: 'tls.ca_file' sets the same property"
                        + " as 'tls_ca_file' (line 9)");
    }

    @Test
    void senderBatchAndRetryAreChecked() {
        assertThat(problems(VALID + """
                        batch:
                          max_events: -1
                          max_bytes: lots
                          timeout: 5 years
                          linger: 1s
                        retry:
                          initial: 10s
                          max: 1s
                """)).containsExactly(
                "tp.yaml:10:23: error: pipelines.app.senders[0].batch.max_events: expected an integer from 1 to"
                        + " 2147483647, got '-1'",
                "tp.yaml:11:22: error: pipelines.app.senders[0].batch.max_bytes: 'lots' is not a size (use e.g."
                        + " 512, 64KiB, 10MB, 1GiB)",
                "tp.yaml:12:20: error: pipelines.app.senders[0].batch.timeout: '5 years' has an unknown duration"
                        + " unit 'years' (use ms, s, m, h or d)",
                "tp.yaml:13:11: error: pipelines.app.senders[0].batch.linger: unknown key 'linger' in batch;"
                        + " expected one of: max_events, max_bytes, timeout",
                "tp.yaml:15:20: error: pipelines.app.senders[0].retry.initial: the initial retry delay (10000 ms)"
                        + " is longer than the maximum (1000 ms)");
    }

    @Test
    void batchAndRetryArePluginKeysForReaders() {
        assertThat(problems(VALID.replace("paths: [/var/log/app.log]", "paths: [/a]\n        batch: {max_events: 1}")))
                .containsExactly("tp.yaml:6:17: error: pipelines.app.readers[0].batch.max_events: unknown key"
                        + " 'batch.max_events' for reader type 'file'; expected one of: max_line_bytes, paths,"
                        + " poll_interval, read_from_head");
    }

    @Test
    void aTypeThatIsNotInstalledIsOnlyAWarning() {
        Compilation c = compile(VALID + "    processors:\n      - type: grok\n        pattern: '%{WORD}'\n");

        assertThat(c.lines()).containsExactly(
                "tp.yaml:10:15: warning: pipelines.app.processors[0].type: processor type 'grok' is not installed:"
                        + " pipeline 'app' will wait for it");
        assertThat(c.hasErrors()).isFalse();
        assertThat(c.state().configurations()).extracting(DesiredConfiguration::pid)
                .contains("tailpost.processor.grok~app-grok-1");
    }

    @Test
    void collectsEveryProblemInFileOrder() {
        List<String> lines = problems("""
                data_dir: 5
                colour: red
                pipelines:
                  app:
                    readers:
                      - type: file
                        paths: [/a]
                        max_line_bytes: ${NOT_SET}
                    senders:
                      - type: http
                """);

        assertThat(lines).containsExactly(
                "tp.yaml:2:1: error: colour: unknown key 'colour' at the top level; expected one of: data_dir,"
                        + " security, pipelines",
                "tp.yaml:8:25: error: pipelines.app.readers[0].max_line_bytes: environment variable 'NOT_SET' is"
                        + " not set and has no default (write ${NOT_SET:-default} to give one)",
                "tp.yaml:10:9: error: pipelines.app.senders[0]: missing required key 'url' for sender type 'http'");
    }
}
