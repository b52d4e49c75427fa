package io.tailpost.shell.internal;

import java.util.List;
import java.util.Map;

import io.tailpost.sdk.metrics.Measurement;

/** Formats a metrics snapshot, one metric a line: {@code name{key="value",...} value}. */
final class MetricsReport {
    private MetricsReport() {
    }

    static String format(List<Measurement> snapshot, String filter) {
        StringBuilder out = new StringBuilder();
        for (Measurement m : snapshot) {
            if (!filter.isEmpty() && !m.name().contains(filter)) {
                continue;
            }
            out.append(m.name());
            if (!m.tags().isEmpty()) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, String> t : m.tags().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    out.append(t.getKey()).append("=\"").append(t.getValue()).append('"');
                    first = false;
                }
                out.append('}');
            }
            out.append(' ').append(m.value()).append('\n');
        }
        return out.length() == 0 ? (filter.isEmpty() ? "no metrics yet" : "no metric matches '" + filter + "'") : out.toString();
    }
}
