package io.tailpost.sender.http.internal;

import java.util.Locale;
import java.util.Map;

import io.tailpost.sdk.LogEvent;

/** What both OTLP encodings share: which fields mean severity, and how levels map to numbers. */
final class Otlp {
    /** Attribute that carries the event's source (OpenTelemetry semantic conventions). */
    static final String SOURCE_ATTRIBUTE = "log.file.path";
    static final String SCOPE_NAME = "tailpost";

    private Otlp() {
    }

    /** The field holding the event's level, or {@code null}: {@code level} or {@code severity}, a string. */
    static String levelKey(LogEvent e) {
        if (!e.hasFields()) {
            return null;
        }
        Map<String, Object> fields = e.fields();
        if (fields.get("level") instanceof String) {
            return "level";
        }
        if (fields.get("severity") instanceof String) {
            return "severity";
        }
        return null;
    }

    /** The OTLP SeverityNumber of a level name; 0 (unspecified) when unknown. */
    static int severityNumber(String level) {
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "trace" -> 1;
            case "debug" -> 5;
            case "info", "information", "notice" -> 9;
            case "warn", "warning" -> 13;
            case "error", "err" -> 17;
            case "fatal", "critical", "crit", "alert", "emerg", "emergency" -> 21;
            default -> 0;
        };
    }
}
