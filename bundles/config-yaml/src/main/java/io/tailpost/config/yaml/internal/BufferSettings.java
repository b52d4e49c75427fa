package io.tailpost.config.yaml.internal;

import java.util.List;

/**
 * A pipeline's {@code buffer:} section: {@code type} (only {@code memory} so far),
 * {@code max_events} (default 10000) and {@code max_bytes} (default 64MiB).
 */
record BufferSettings(String type, int maxEvents, long maxBytes) {
    static final String MEMORY = "memory";
    static final BufferSettings DEFAULT = new BufferSettings(MEMORY, 10_000, 64L * 1024 * 1024);
    private static final List<String> KEYS = List.of("type", "max_events", "max_bytes");

    /** Reads the section; returns the defaults for what is missing or wrong (wrong parts are reported). */
    static BufferSettings read(YamlEntry entry, String path, SettingValues values) {
        if (entry == null || (entry.value() instanceof YamlScalar s && s.isNull())) {
            return DEFAULT;
        }
        YamlMap map = values.map(entry, path);
        if (map == null) {
            return DEFAULT;
        }
        values.rejectUnknownKeys(map, KEYS, path, "in buffer");
        YamlEntry type = map.entry("type");
        if (type != null) {
            String name = values.text(type, KeyPath.child(path, "type"));
            if (name != null && !name.equals(MEMORY)) {
                values.problems().error(type.value().mark(), KeyPath.at(KeyPath.child(path, "type"),
                        "buffer type '" + name + "' is not supported yet; supported: " + MEMORY));
            }
        }
        int maxEvents = DEFAULT.maxEvents();
        YamlEntry events = map.entry("max_events");
        if (events != null) {
            Integer n = values.positiveInt(events, KeyPath.child(path, "max_events"));
            maxEvents = n == null ? maxEvents : n;
        }
        long maxBytes = DEFAULT.maxBytes();
        YamlEntry bytes = map.entry("max_bytes");
        if (bytes != null) {
            Long n = values.size(bytes, KeyPath.child(path, "max_bytes"));
            maxBytes = n == null ? maxBytes : n;
        }
        return new BufferSettings(MEMORY, maxEvents, maxBytes);
    }
}
