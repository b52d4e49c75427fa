package io.tailpost.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.tailpost.sdk.PluginKind;
import io.tailpost.sdk.metrics.Metrics;
import io.tailpost.sdk.status.AgentStatus;
import io.tailpost.sdk.status.ComponentStatus;
import io.tailpost.sdk.status.PipelineStatus;
import io.tailpost.sdk.status.State;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

class TailpostCommandsTest {
    private static final Metrics NO_METRICS = Fakes.fake(Metrics.class, Map.of("snapshot", List.of()));

    @Test
    void statusReadsTheAgentStatusEachTime() {
        List<List<PipelineStatus>> snapshots = new java.util.ArrayList<>(List.of(List.of(), List.of(
                new PipelineStatus("app", State.RUNNING, null, 3, 2, 1, List.of(
                        new ComponentStatus("app-in", PluginKind.READER, "file", State.RUNNING, null, 3))))));
        AgentStatus status = () -> snapshots.remove(0);
        TailpostCommands commands = new TailpostCommands(status, NO_METRICS, null);

        assertThat(commands.status()).isEqualTo("no pipelines configured");
        assertThat(commands.status()).contains("app       RUNNING   3    2       1").contains("  reader  app-in");
        assertThat(commands.metrics()).isEqualTo("no metrics yet");
    }

    @Test
    void pluginsListsTheFrameworksBundles() {
        Bundle[] bundles = {Fakes.bundle(4, "io.tailpost.processor.json", "0.1.0", Bundle.ACTIVE,
                List.of(Fakes.capability("tailpost.plugin", Map.of("kind", "processor", "type", "json"))))};
        BundleContext context = Fakes.fake(BundleContext.class, Map.of("getBundles", bundles));
        TailpostCommands commands = new TailpostCommands(List::of, NO_METRICS, context);

        assertThat(commands.plugins().split("\n")).containsExactly(
                "KIND       TYPE  ID  BUNDLE                      VERSION  STATE",
                "processor  json   4  io.tailpost.processor.json  0.1.0    ACTIVE");
    }
}
