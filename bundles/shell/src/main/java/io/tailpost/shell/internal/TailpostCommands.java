package io.tailpost.shell.internal;

import io.tailpost.sdk.metrics.Metrics;
import io.tailpost.sdk.status.AgentStatus;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code tailpost} Gogo commands: {@code tailpost:status}, {@code tailpost:plugins} and
 * {@code tailpost:metrics}.
 * Registered whether or not Gogo is installed; Gogo finds them by the
 * {@code osgi.command.*} service properties.
 */
@Component(service = TailpostCommands.class, property = {
    "osgi.command.scope=tailpost",
    "osgi.command.function=status",
    "osgi.command.function=plugins",
    "osgi.command.function=metrics"
})
public class TailpostCommands {
    private final AgentStatus agentStatus;
    private final Metrics metrics;
    private final BundleContext context;

    /** Creates the commands over the core's status and metrics services. */
    @Activate
    public TailpostCommands(@Reference(name = "agentStatus") AgentStatus agentStatus,
            @Reference(name = "metrics") Metrics metrics, BundleContext context) {
        this.agentStatus = agentStatus;
        this.metrics = metrics;
        this.context = context;
    }

    /** Every metric, or those whose name contains {@code filter}. */
    @Descriptor("show the agent's counters and gauges, one per line: name{tags} value")
    public String metrics(@Descriptor("show only metrics whose name contains this text") String... filter) {
        return MetricsReport.format(metrics.snapshot(), filter.length == 0 ? "" : filter[0]);
    }

    /** Every pipeline with its state, counters and components. */
    @Descriptor("show every pipeline and its readers, processors and senders, with state, reason and event counts")
    public String status() {
        return StatusReport.format(agentStatus.pipelines());
    }

    /** Every installed plugin type with the bundle that provides it. */
    @Descriptor("list the installed plugin types (kind, type) with the bundle that provides each and its state")
    public String plugins() {
        return InstalledPlugins.format(InstalledPlugins.collect(context.getBundles()));
    }
}
