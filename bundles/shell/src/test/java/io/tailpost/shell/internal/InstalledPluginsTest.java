package io.tailpost.shell.internal;

import static io.tailpost.shell.internal.Fakes.bundle;
import static io.tailpost.shell.internal.Fakes.capability;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

class InstalledPluginsTest {

    private static Bundle[] framework() {
        return new Bundle[] {
            bundle(0, "org.apache.felix.framework", "7.0.5", Bundle.ACTIVE, List.of()),
            bundle(7, "io.tailpost.sender.console", "0.1.0.SNAPSHOT", Bundle.ACTIVE,
                    List.of(capability("tailpost.plugin", Map.of("kind", "sender", "type", "console")))),
            Fakes.uninstalled(8),
            bundle(9, "io.tailpost.processor.json", "0.1.0.SNAPSHOT", Bundle.INSTALLED,
                    List.of(capability("tailpost.plugin", Map.of("kind", "processor", "type", "json")))),
            bundle(10, "com.example.tailpost.extras", "1.2.3", Bundle.RESOLVED, List.of(
                    capability("tailpost.plugin", Map.of("kind", "sender", "type", "blackhole")),
                    capability("tailpost.plugin", Map.of("kind", "reader", "type", "stdin")))),
        };
    }

    @Test
    void collectsEveryPluginCapabilityOrderedByKindThenType() {
        List<InstalledPlugins.Entry> entries = InstalledPlugins.collect(framework());

        assertThat(entries).containsExactly(
                new InstalledPlugins.Entry("reader", "stdin", 10, "com.example.tailpost.extras", "1.2.3", "RESOLVED"),
                new InstalledPlugins.Entry("processor", "json", 9, "io.tailpost.processor.json", "0.1.0.SNAPSHOT",
                        "INSTALLED"),
                new InstalledPlugins.Entry("sender", "blackhole", 10, "com.example.tailpost.extras", "1.2.3",
                        "RESOLVED"),
                new InstalledPlugins.Entry("sender", "console", 7, "io.tailpost.sender.console", "0.1.0.SNAPSHOT",
                        "ACTIVE"));
    }

    @Test
    void formatsATable() {
        String text = InstalledPlugins.format(InstalledPlugins.collect(framework()));

        assertThat(text).isEqualTo(String.join("\n",
                "KIND       TYPE       ID  BUNDLE                       VERSION         STATE",
                "reader     stdin      10  com.example.tailpost.extras  1.2.3           RESOLVED",
                "processor  json        9  io.tailpost.processor.json   0.1.0.SNAPSHOT  INSTALLED",
                "sender     blackhole  10  com.example.tailpost.extras  1.2.3           RESOLVED",
                "sender     console     7  io.tailpost.sender.console   0.1.0.SNAPSHOT  ACTIVE"));
    }

    @Test
    void saysSoWhenNoPluginIsInstalled() {
        Bundle[] bundles = {bundle(0, "org.apache.felix.framework", "7.0.5", Bundle.ACTIVE, List.of())};

        assertThat(InstalledPlugins.format(InstalledPlugins.collect(bundles))).isEqualTo("no plugins installed");
    }

    @Test
    void namesBundleStates() {
        assertThat(InstalledPlugins.stateName(Bundle.STARTING)).isEqualTo("STARTING");
        assertThat(InstalledPlugins.stateName(Bundle.STOPPING)).isEqualTo("STOPPING");
        assertThat(InstalledPlugins.stateName(Bundle.UNINSTALLED)).isEqualTo("UNINSTALLED");
        assertThat(InstalledPlugins.stateName(3)).isEqualTo("3");
    }
}
