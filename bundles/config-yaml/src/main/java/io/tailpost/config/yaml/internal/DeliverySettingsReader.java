package io.tailpost.config.yaml.internal;

import java.util.List;
import java.util.Map;

/**
 * Converts the keys every sender accepts, {@code batch: {max_events, max_bytes, timeout}}
 * {@code retry: {initial, max}}, {@code concurrency} (a number or {@code adaptive}) and
 * {@code dead_letter} (a file for rejected batches, relative to the data folder), into
 * the service properties the core reads: {@code batch.max.events}, {@code batch.max.bytes},
 * {@code batch.timeout.ms}, {@code retry.initial.ms}, {@code retry.max.ms}, {@code concurrency}, {@code dead.letter}.
 */
final class DeliverySettingsReader {
    static final String BATCH = "batch";
    static final String RETRY = "retry";
    static final String CONCURRENCY = "concurrency";
    static final String DEAD_LETTER = "dead_letter";
    static final List<String> KEYS = List.of(BATCH, RETRY, CONCURRENCY, DEAD_LETTER);
    private static final List<String> BATCH_KEYS = List.of("max_events", "max_bytes", "timeout");
    private static final List<String> RETRY_KEYS = List.of("initial", "max");

    private final SettingValues values;

    DeliverySettingsReader(SettingValues values) {
        this.values = values;
    }

    /** Reads {@code entry} ({@code batch}, {@code retry} or {@code concurrency}) into {@code properties}. */
    void read(YamlEntry entry, String path, Map<String, Object> properties) {
        if (entry.key().equals(CONCURRENCY)) {
            readConcurrency(entry, path, properties);
            return;
        }
        if (entry.key().equals(DEAD_LETTER)) {
            String file = values.text(entry, path);
            if (file != null) {
                properties.put("dead.letter", file);
            }
            return;
        }
        YamlMap map = values.map(entry, path);
        if (map == null) {
            return;
        }
        if (entry.key().equals(BATCH)) {
            readBatch(map, path, properties);
        } else {
            readRetry(map, path, properties);
        }
    }

    /** {@code concurrency: N} (requests in flight, default 1) or {@code concurrency: adaptive}. */
    private void readConcurrency(YamlEntry entry, String path, Map<String, Object> properties) {
        if (entry.value() instanceof YamlScalar s && "adaptive".equals(s.text())) {
            properties.put("concurrency", "adaptive");
            return;
        }
        Integer n = values.positiveInt(entry, path);
        if (n != null) {
            properties.put("concurrency", n);
        }
    }

    private void readBatch(YamlMap map, String path, Map<String, Object> properties) {
        values.rejectUnknownKeys(map, BATCH_KEYS, path, "in batch");
        YamlEntry events = map.entry("max_events");
        if (events != null) {
            putIfPresent(properties, "batch.max.events", values.positiveInt(events, KeyPath.child(path, "max_events")));
        }
        YamlEntry bytes = map.entry("max_bytes");
        if (bytes != null) {
            putIfPresent(properties, "batch.max.bytes", values.size(bytes, KeyPath.child(path, "max_bytes")));
        }
        YamlEntry timeout = map.entry("timeout");
        if (timeout != null) {
            putIfPresent(properties, "batch.timeout.ms",
                    values.durationMillis(timeout, KeyPath.child(path, "timeout"), true));
        }
    }

    private void readRetry(YamlMap map, String path, Map<String, Object> properties) {
        values.rejectUnknownKeys(map, RETRY_KEYS, path, "in retry");
        Long initial = null;
        Long max = null;
        YamlEntry initialEntry = map.entry("initial");
        if (initialEntry != null) {
            initial = values.durationMillis(initialEntry, KeyPath.child(path, "initial"), false);
            putIfPresent(properties, "retry.initial.ms", initial);
        }
        YamlEntry maxEntry = map.entry("max");
        if (maxEntry != null) {
            max = values.durationMillis(maxEntry, KeyPath.child(path, "max"), false);
            putIfPresent(properties, "retry.max.ms", max);
        }
        if (initial != null && max != null && initial > max) {
            values.problems().error(initialEntry.value().mark(), KeyPath.at(KeyPath.child(path, "initial"),
                    "the initial retry delay (" + initial + " ms) is longer than the maximum (" + max + " ms)"));
        }
    }

    private static void putIfPresent(Map<String, Object> properties, String key, Object value) {
        if (value != null) {
            properties.put(key, value);
        }
    }
}
