package io.tailpost.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tailpost.sdk.status.AgentStatus;
import io.tailpost.sdk.status.PipelineStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * What all pipelines of the agent share: the checkpoint stores and the list of running
 * pipelines, which it reports as the {@link AgentStatus} service.
 */
@Component(service = {AgentStatus.class, AgentRuntime.class})
public class AgentRuntime implements AgentStatus {
    private final CheckpointStores checkpoints = new CheckpointStores();
    private final List<Pipeline> pipelines = new CopyOnWriteArrayList<>();

    CheckpointStores checkpoints() {
        return checkpoints;
    }

    void register(Pipeline pipeline) {
        pipelines.add(pipeline);
    }

    void unregister(Pipeline pipeline) {
        pipelines.remove(pipeline);
    }

    @Override
    public List<PipelineStatus> pipelines() {
        List<PipelineStatus> all = new ArrayList<>();
        for (Pipeline p : pipelines) {
            all.add(p.status());
        }
        all.sort(Comparator.comparing(PipelineStatus::name));
        return all;
    }

    @Deactivate
    void deactivate() {
        checkpoints.close();
    }
}
