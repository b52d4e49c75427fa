package io.tailpost.config.yaml.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AgentPathsTest {
    private static final Path HOME = Path.of("/opt/tp").toAbsolutePath();

    @Test
    void dataDirDefaultsToHomeData() {
        AgentPaths paths = AgentPaths.from(Map.of("tailpost.home", HOME.toString())::get);

        assertThat(paths.home()).isEqualTo(HOME);
        assertThat(paths.dataDir()).isEqualTo(HOME.resolve("data"));
    }

    @Test
    void aRelativeDataDirIsResolvedAgainstTheHome() {
        AgentPaths paths = AgentPaths.from(
                Map.of("tailpost.home", HOME.toString(), "tailpost.data.dir", "var/../state")::get);

        assertThat(paths.dataDir()).isEqualTo(HOME.resolve("state"));
    }

    @Test
    void withoutAHomeTheWorkingDirectoryIsUsed() {
        AgentPaths paths = AgentPaths.from(name -> null);

        assertThat(paths.home()).isEqualTo(Path.of("").toAbsolutePath());
    }

    @Test
    void pollIntervalFallsBackToTheDefault() {
        assertThat(YamlConfigurationLoader.pollMillis(null)).isEqualTo(2000);
        assertThat(YamlConfigurationLoader.pollMillis("250")).isEqualTo(250);
        assertThat(YamlConfigurationLoader.pollMillis("0")).isEqualTo(2000);
        assertThat(YamlConfigurationLoader.pollMillis("soon")).isEqualTo(2000);
    }

    @Test
    void tailpostHomeIsAVariableUnlessTheEnvironmentSetsIt() {
        AgentPaths paths = AgentPaths.from(Map.of("tailpost.home", HOME.toString())::get);

        assertThat(paths.environment(Map.of("PATH", "/bin"))).containsEntry("TAILPOST_HOME", HOME.toString())
                .containsEntry("PATH", "/bin");
        assertThat(paths.environment(Map.of("TAILPOST_HOME", "/elsewhere")))
                .containsEntry("TAILPOST_HOME", "/elsewhere");
    }
}
