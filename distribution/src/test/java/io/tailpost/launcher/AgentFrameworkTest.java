package io.tailpost.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentFrameworkTest {

    @Test
    void runPropertiesPointAtTheHomeAndWatchPlugins(@TempDir Path dir) {
        AgentHome home = new AgentHome(dir);
        Path config = dir.resolve("conf/tailpost.yaml");

        Map<String, String> properties =
                AgentFramework.properties(home, config, dir.resolve("data/.framework"), false);

        assertThat(properties)
                .containsEntry("org.osgi.framework.storage", dir.resolve("data/.framework").toString())
                .containsEntry("org.osgi.framework.storage.clean", "onFirstInit")
                .containsEntry("felix.cm.pm", "memory")
                .containsEntry("tailpost.home", dir.toString())
                .containsEntry("tailpost.config", config.toString())
                .containsEntry("tailpost.data.dir", dir.resolve("data").toString())
                .containsEntry("felix.fileinstall.dir", dir.resolve("plugins").toString())
                .containsEntry("felix.fileinstall.bundles.new.start", "true")
                .containsEntry("felix.fileinstall.filter", ".*\\.jar")
                .containsEntry("gosh.args", "--nointeractive");
    }

    @Test
    void validatePropertiesHaveNoConfigAndATerminalGetsAShell(@TempDir Path dir) {
        Map<String, String> validate = AgentFramework.properties(new AgentHome(dir), null, dir, false);
        Map<String, String> interactive =
                AgentFramework.properties(new AgentHome(dir), dir.resolve("x.yaml"), dir, true);

        assertThat(validate).doesNotContainKey("tailpost.config");
        assertThat(interactive).doesNotContainKey("gosh.args");
    }

    @Test
    void listsJarsSortedByName(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("README.txt"));
        Files.createDirectory(dir.resolve("c.jar.d"));

        assertThat(AgentFramework.jars(dir)).containsExactly(dir.resolve("a.jar"), dir.resolve("b.jar"));
        assertThat(AgentFramework.jars(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void homeComesFromTheEnvironmentFirst(@TempDir Path dir) {
        assertThat(AgentHome.locate(Map.of("TAILPOST_HOME", dir.toString())).root()).isEqualTo(dir);
    }
}
