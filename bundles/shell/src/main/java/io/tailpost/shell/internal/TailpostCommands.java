package io.tailpost.shell.internal;

import io.tailpost.sdk.status.AgentStatus;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code tailpost} Gogo commands: {@code tailpost:status} and {@code tailpost:plugins}.
 * Registered whether or not Gogo is installed; Gogo finds them by the
 * {@code osgi.command.*} service properties.
 */
@Component(service = TailpostCommands.class, property = {
    "osgi.command.scope=tailpost",
    "osgi.command.function=status",
    "osgi.command.function=plugins"
})
public class TailpostCommands {
    private final AgentStatus agentStatus;
    private final BundleContext context;

    /** Creates the commands over the core's status service. */
    @Activate
    public TailpostCommands(@Reference(name = "agentStatus") AgentStatus agentStatus, BundleContext context) {
        this.agentStatus = agentStatus;
        this.context = context;
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
