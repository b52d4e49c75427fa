package io.tailpost.config.yaml.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigurationApplierTest {
    private static final Path HOME = Path.of("/agent").toAbsolutePath();

    private final FakeConfigurationAdmin admin = new FakeConfigurationAdmin();
    private final ConfigurationApplier applier = new ConfigurationApplier(admin);

    private static DesiredState state(String yaml) {
        Compilation c = new ConfigCompiler(Map.of(), TestCatalog.standard(), HOME, HOME.resolve("data"))
                .compile("tp.yaml", yaml);
        assertThat(c.hasErrors()).as("problems: %s", c.lines()).isFalse();
        return c.state();
    }

    private static final String ONE_PIPELINE = """
            pipelines:
              app:
                readers:
                  - {type: file, id: logs, paths: [/a]}
                senders:
                  - {type: console}
            """;

    @Test
    void createsEveryConfigurationOfANewFile() throws Exception {
        ApplyResult result = applier.apply(state(ONE_PIPELINE));

        assertThat(result).isEqualTo(new ApplyResult(3, 0, 0));
        assertThat(admin.pids()).containsExactly(
                "tailpost.pipeline~app", "tailpost.reader.file~logs", "tailpost.sender.console~app-console-1");
        assertThat(admin.properties("tailpost.reader.file~logs"))
                .containsEntry("paths", new String[] {"/a"})
                .containsEntry("tailpost.id", "logs");
    }

    @Test
    void anUnchangedFileWritesNothing() throws Exception {
        applier.apply(state(ONE_PIPELINE));
        admin.writes.clear();

        ApplyResult again = applier.apply(state(ONE_PIPELINE));

        assertThat(again).isEqualTo(new ApplyResult(0, 0, 0));
        assertThat(admin.writes).isEmpty();
    }

    @Test
    void writesOnlyTheDifference() throws Exception {
        applier.apply(state(ONE_PIPELINE));
        admin.writes.clear();

        ApplyResult result = applier.apply(state("""
                pipelines:
                  app:
                    readers:
                      - {type: file, id: logs, paths: [/a, /b]}
                    senders:
                      - {type: console}
                  audit:
                    readers:
                      - {type: file, id: audit-logs, paths: [/audit]}
                    senders:
                      - {type: console}
                """));

        assertThat(result).isEqualTo(new ApplyResult(3, 1, 0));
        assertThat(admin.writes).containsExactly(
                "update tailpost.reader.file~logs",
                "update tailpost.reader.file~audit-logs",
                "update tailpost.sender.console~audit-console-1",
                "update tailpost.pipeline~audit");
    }

    @Test
    void deletesWhatIsGoneAndPipelinesFirst() throws Exception {
        applier.apply(state(ONE_PIPELINE.replace("  app:", "  old:")));
        applier.apply(state(ONE_PIPELINE));
        admin.writes.clear();
        applier.apply(state(ONE_PIPELINE.replace("  app:", "  old:")));

        assertThat(admin.writes).containsExactly(
                "delete tailpost.pipeline~app",
                "delete tailpost.sender.console~app-console-1",
                "update tailpost.reader.file~logs",
                "update tailpost.sender.console~old-console-1",
                "update tailpost.pipeline~old");
        assertThat(admin.pids()).containsExactly(
                "tailpost.pipeline~old", "tailpost.reader.file~logs", "tailpost.sender.console~old-console-1");
    }

    @Test
    void aComponentWhoseTypeChangedMovesToTheNewFactoryPid() throws Exception {
        applier.apply(state(ONE_PIPELINE));
        admin.writes.clear();

        ApplyResult result = applier.apply(state(ONE_PIPELINE.replace("{type: file, id: logs, paths: [/a]}",
                "{type: journald, id: logs}")));

        assertThat(result).isEqualTo(new ApplyResult(1, 1, 1));
        assertThat(admin.writes).containsExactly(
                "delete tailpost.reader.file~logs",
                "update tailpost.reader.journald~logs",
                "update tailpost.pipeline~app");
    }

    @Test
    void leavesConfigurationsOutsideTheTailpostNamespaceAlone() throws Exception {
        admin.put("org.example.thing", "x", Map.of("a", 1));
        admin.put("tailpost.sender.http", "stray", Map.of("url", "http://x/"));

        ApplyResult result = applier.apply(state(ONE_PIPELINE));

        assertThat(result.deleted()).isEqualTo(1);
        assertThat(admin.pids()).contains("org.example.thing~x").doesNotContain("tailpost.sender.http~stray");
    }
}
