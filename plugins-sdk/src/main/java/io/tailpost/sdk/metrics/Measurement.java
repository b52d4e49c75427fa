package io.tailpost.sdk.metrics;

import java.util.Map;

/**
 * One metric value at the time of a snapshot.
 *
 * @param name the metric name
 * @param tags its tags, in the order given
 * @param kind counter or gauge
 * @param value the value
 */
public record Measurement(String name, Map<String, String> tags, Kind kind, long value) {
    /** What kind of metric it is. */
    public enum Kind {
        COUNTER, GAUGE
    }
}
