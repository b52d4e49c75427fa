package io.tailpost.shell.internal;

import java.util.ArrayList;
import java.util.List;

import io.tailpost.sdk.status.ComponentStatus;
import io.tailpost.sdk.status.PipelineStatus;

/** Formats the agent's status as text: one line per pipeline, one indented line per component. */
final class StatusReport {
    static final String NO_PIPELINES = "no pipelines configured";

    private StatusReport() {
    }

    /**
     * The pipelines as a table, in the given order.
     *
     * <pre>
     * PIPELINE  STATE    IN  OUT  QUEUED  REASON
     *   KIND    ID       TYPE  STATE    EVENTS  REASON
     * app       RUNNING  12   10       2
     *   reader  app-in   file  RUNNING      12
     *   sender  app-out  http  FAILING      10  connection refused
     * </pre>
     */
    static String format(List<PipelineStatus> pipelines) {
        if (pipelines == null || pipelines.isEmpty()) {
            return NO_PIPELINES;
        }
        TextTable pipelineTable = new TextTable(false, false, true, true, true, false)
                .row("PIPELINE", "STATE", "IN", "OUT", "QUEUED", "REASON");
        TextTable componentTable = new TextTable(false, false, false, false, true, false)
                .row("KIND", "ID", "TYPE", "STATE", "EVENTS", "REASON");
        for (PipelineStatus p : pipelines) {
            pipelineTable.row(p.name(), p.state(), p.eventsIn(), p.eventsOut(), p.queuedEvents(), p.reason());
            for (ComponentStatus c : components(p)) {
                componentTable.row(c.kind() == null ? null : c.kind().label(), c.id(), c.type(), c.state(),
                        c.events(), c.reason());
            }
        }
        List<String> pipelineLines = pipelineTable.lines("");
        List<String> componentLines = componentTable.lines("  ");
        List<String> out = new ArrayList<>(pipelineLines.size() + componentLines.size());
        out.add(pipelineLines.get(0));
        out.add(componentLines.get(0));
        int component = 1;
        for (int i = 0; i < pipelines.size(); i++) {
            out.add(pipelineLines.get(i + 1));
            for (int n = components(pipelines.get(i)).size(); n > 0; n--) {
                out.add(componentLines.get(component++));
            }
        }
        return String.join("\n", out);
    }

    private static List<ComponentStatus> components(PipelineStatus p) {
        return p.components() == null ? List.of() : p.components();
    }
}
