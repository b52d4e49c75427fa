package io.tailpost.bench.e2e;

import java.io.IOException;
import java.nio.file.Path;

/** A log agent the harness can start on one scenario, sending to the sink. */
interface Agent {

    /** What a run needs to know. */
    record RunContext(Scenario scenario, InputGenerator.Input input, int sinkPort, Path runDir) {
    }

    /** Short name for the table. */
    String name();

    /** Whether this is TailPost (the others are peers). */
    default boolean isPeer() {
        return true;
    }

    /** Why the agent cannot run on this machine (e.g. "not installed: ..."), or null when it can. */
    String unavailable();

    /** Why this agent has no equivalent of the scenario, or null when it has. */
    String unsupported(Scenario scenario);

    /** Writes the agent's configuration under the run folder and starts it; stdout and stderr go to files there. */
    Process start(RunContext context) throws IOException;
}
