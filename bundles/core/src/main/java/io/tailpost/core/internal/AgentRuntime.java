package io.tailpost.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import java.util.function.LongSupplier;

import io.tailpost.sdk.metrics.Counter;
import io.tailpost.sdk.metrics.Measurement;
import io.tailpost.sdk.metrics.Metrics;
import io.tailpost.sdk.status.AgentStatus;
import io.tailpost.sdk.status.PipelineStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * What all pipelines of the agent share: the checkpoint stores, the metrics registry
 * (offered as the {@link Metrics} service) and the list of running pipelines (reported
 * as the {@link AgentStatus} service).
 */
@Component(service = {AgentStatus.class, Metrics.class, AgentRuntime.class})
public class AgentRuntime implements AgentStatus, Metrics {
    private final CheckpointStores checkpoints = new CheckpointStores();
    private final MetricsRegistry metrics = new MetricsRegistry();
    private final List<Pipeline> pipelines = new CopyOnWriteArrayList<>();

    CheckpointStores checkpoints() {
        return checkpoints;
    }

    MetricsRegistry metrics() {
        return metrics;
    }

    @Override
    public Counter counter(String name, String... tags) {
        return metrics.counter(name, tags);
    }

    @Override
    public Registration gauge(String name, LongSupplier value, String... tags) {
        return metrics.gauge(name, value, tags);
    }

    @Override
    public List<Measurement> snapshot() {
        return metrics.snapshot();
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
