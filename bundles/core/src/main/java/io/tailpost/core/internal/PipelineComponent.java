package io.tailpost.core.internal;

import java.util.Map;

import io.tailpost.sdk.Plugins;
import io.tailpost.sdk.processor.Processor;
import io.tailpost.sdk.reader.Reader;
import io.tailpost.sdk.sender.Sender;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * One pipeline per {@code tailpost.pipeline} factory configuration. Its plugin
 * references are dynamic and greedy, with target filters set by the configuration
 * ({@code readers.target} etc.), so parts come and go without restarting the pipeline.
 */
@Component(configurationPid = Plugins.PIPELINE_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
public class PipelineComponent {
    /** How long a stopping pipeline may keep delivering what it holds. */
    static final long DRAIN_MILLIS = 5_000;

    private final AgentRuntime runtime;
    private final Pipeline pipeline;

    @Activate
    public PipelineComponent(@Reference AgentRuntime runtime, Map<String, Object> properties) {
        this.runtime = runtime;
        this.pipeline = new Pipeline(PipelineSettings.from(properties), runtime.checkpoints(), runtime.metrics());
    }

    @Activate
    void activate() {
        runtime.register(pipeline);
        pipeline.start();
    }

    @Deactivate
    void deactivate() {
        pipeline.close(DRAIN_MILLIS);
        runtime.unregister(pipeline);
    }

    private static String id(Map<String, ?> props) {
        Object id = props.get(Plugins.ID);
        return id == null ? "" : id.toString();
    }

    @Reference(name = "readers", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindReader")
    void bindReader(Reader reader, Map<String, Object> props) {
        pipeline.bindReader(id(props), reader);
    }

    void unbindReader(Reader reader, Map<String, Object> props) {
        pipeline.unbindReader(id(props), reader);
    }

    @Reference(name = "processors", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindProcessor")
    void bindProcessor(Processor processor, Map<String, Object> props) {
        pipeline.bindProcessor(id(props), processor);
    }

    void unbindProcessor(Processor processor, Map<String, Object> props) {
        pipeline.unbindProcessor(id(props), processor);
    }

    @Reference(name = "senders", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindSender", updated = "updatedSender")
    void bindSender(Sender sender, Map<String, Object> props) {
        pipeline.bindSender(id(props), sender, props);
    }

    void updatedSender(Sender sender, Map<String, Object> props) {
        pipeline.bindSender(id(props), sender, props);
    }

    void unbindSender(Sender sender, Map<String, Object> props) {
        pipeline.unbindSender(id(props), sender);
    }
}
