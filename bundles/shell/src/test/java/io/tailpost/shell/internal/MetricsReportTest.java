package io.tailpost.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tailpost.sdk.metrics.Measurement;
import org.junit.jupiter.api.Test;

class MetricsReportTest {
    private static Map<String, String> tags(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void oneLinePerMetricWithTagsAndFilter() {
        List<Measurement> snapshot = List.of(
                new Measurement("pipeline.events.in", tags("pipeline", "app"), Measurement.Kind.COUNTER, 12),
                new Measurement("sender.retries", tags("pipeline", "app", "component", "out"), Measurement.Kind.COUNTER, 3));
        assertThat(MetricsReport.format(snapshot, "")).isEqualTo(
                "pipeline.events.in{pipeline=\"app\"} 12\nsender.retries{pipeline=\"app\",component=\"out\"} 3\n");
        assertThat(MetricsReport.format(snapshot, "retries")).isEqualTo(
                "sender.retries{pipeline=\"app\",component=\"out\"} 3\n");
        assertThat(MetricsReport.format(snapshot, "nothing")).isEqualTo("no metric matches 'nothing'");
        assertThat(MetricsReport.format(List.of(), "")).isEqualTo("no metrics yet");
    }
}
