package io.tailpost.sender.http.internal;

import java.util.HashMap;
import java.util.Map;

import io.tailpost.sdk.Plugins;
import io.tailpost.sdk.metrics.Metrics;
import io.tailpost.sdk.sender.Sender;
import org.osgi.util.converter.Converters;

/**
 * Entry points into the HTTP sender's package-private lifecycle for the benchmarks: an
 * instance activated as DS would (configuration annotation built by the OSGi converter so
 * the defaults apply), with the metrics registry bound, and its deactivation.
 */
public final class HttpSenderBenchmarkSupport {
    private HttpSenderBenchmarkSupport() {
    }

    /**
     * Activates an HTTP sender.
     *
     * @param config configuration properties as ConfigAdmin would hand them ({@code url},
     *     {@code format}, {@code compression}, ...)
     * @param pipeline the pipeline name the sender's metrics are tagged with
     * @param id the sender's component id
     * @param metrics the registry the sender records requests and body bytes in
     */
    public static Sender activate(Map<String, Object> config, String pipeline, String id, Metrics metrics) {
        Map<String, Object> props = new HashMap<>(config);
        props.put(Plugins.ID, id);
        props.put(Plugins.PIPELINE, pipeline);
        HttpSenderConfig cfg = Converters.standardConverter().convert(props).to(HttpSenderConfig.class);
        HttpSender sender = new HttpSender(cfg, props, null, null);
        sender.bindMetrics(metrics);
        return sender;
    }

    /** Deactivates a sender made by {@link #activate}. */
    public static void deactivate(Sender sender) {
        HttpSender http = (HttpSender) sender;
        http.deactivate();
    }
}
