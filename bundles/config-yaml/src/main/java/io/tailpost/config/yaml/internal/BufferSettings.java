package io.tailpost.config.yaml.internal;

import java.util.List;
import java.util.Map;

/**
 * A pipeline's {@code buffer:} section. {@code type}: {@code memory} (default) or
 * {@code disk}; {@code max_events} (memory, default 10000); {@code max_bytes} (default
 * 64MiB in memory, 1GiB on disk); for disk also {@code when_full} ({@code block},
 * {@code drop_oldest}, {@code drop_newest}), {@code fsync} ({@code every_batch},
 * {@code interval}, {@code never}), {@code fsync_interval} and {@code segment_size}.
 */
record BufferSettings(String type, int maxEvents, long maxBytes, String whenFull, String fsync,
        long fsyncIntervalMillis, long segmentBytes) {
    static final String MEMORY = "memory";
    static final String DISK = "disk";
    static final BufferSettings DEFAULT = new BufferSettings(MEMORY, 10_000, 64L * 1024 * 1024, "block", "interval",
            1000, 32L * 1024 * 1024);
    static final long DEFAULT_DISK_BYTES = 1024L * 1024 * 1024;
    private static final List<String> KEYS = List.of("type", "max_events", "max_bytes", "when_full", "fsync",
            "fsync_interval", "segment_size");
    private static final List<String> DISK_ONLY = List.of("when_full", "fsync", "fsync_interval", "segment_size");
    private static final Map<String, List<String>> CHOICES = Map.of(
            "type", List.of(MEMORY, DISK),
            "when_full", List.of("block", "drop_oldest", "drop_newest"),
            "fsync", List.of("every_batch", "interval", "never"));

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
        String type = choice(map, "type", MEMORY, path, values);
        boolean disk = DISK.equals(type);
        if (!disk) {
            for (String key : DISK_ONLY) {
                YamlEntry e = map.entry(key);
                if (e != null) {
                    values.problems().error(e.keyMark(), KeyPath.at(KeyPath.child(path, key),
                            "'" + key + "' applies to a disk buffer only; add 'type: disk'"));
                }
            }
        }
        int maxEvents = DEFAULT.maxEvents();
        YamlEntry events = map.entry("max_events");
        if (events != null) {
            Integer n = values.positiveInt(events, KeyPath.child(path, "max_events"));
            maxEvents = n == null ? maxEvents : n;
        }
        long maxBytes = disk ? DEFAULT_DISK_BYTES : DEFAULT.maxBytes();
        YamlEntry bytes = map.entry("max_bytes");
        if (bytes != null) {
            Long n = values.size(bytes, KeyPath.child(path, "max_bytes"));
            maxBytes = n == null ? maxBytes : n;
        }
        long interval = DEFAULT.fsyncIntervalMillis();
        YamlEntry fsyncInterval = map.entry("fsync_interval");
        if (fsyncInterval != null) {
            Long n = values.durationMillis(fsyncInterval, KeyPath.child(path, "fsync_interval"), false);
            interval = n == null ? interval : n;
        }
        long segment = DEFAULT.segmentBytes();
        YamlEntry segmentSize = map.entry("segment_size");
        if (segmentSize != null) {
            Long n = values.size(segmentSize, KeyPath.child(path, "segment_size"));
            segment = n == null ? segment : n;
        }
        return new BufferSettings(type, maxEvents, maxBytes, choice(map, "when_full", DEFAULT.whenFull(), path, values),
                choice(map, "fsync", DEFAULT.fsync(), path, values), interval, segment);
    }

    private static String choice(YamlMap map, String key, String fallback, String path, SettingValues values) {
        YamlEntry e = map.entry(key);
        if (e == null) {
            return fallback;
        }
        String text = values.text(e, KeyPath.child(path, key));
        if (text == null) {
            return fallback;
        }
        if (!CHOICES.get(key).contains(text)) {
            values.problems().error(e.value().mark(), KeyPath.at(KeyPath.child(path, key), "'" + text
                    + "' is not a buffer " + key.replace('_', ' ') + "; expected one of: "
                    + String.join(", ", CHOICES.get(key))));
            return fallback;
        }
        return text;
    }
}
