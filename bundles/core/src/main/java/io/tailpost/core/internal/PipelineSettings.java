package io.tailpost.core.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.tailpost.sdk.PluginKind;

/**
 * A pipeline's definition as the configuration bundle writes it (see docs/internals.md):
 * its parts by id and type in order, its queue limits and its data directory.
 */
record PipelineSettings(String name, List<Part> readers, List<Part> processors, List<Part> senders, long maxEvents,
        long maxBytes, Path dataDir, DiskBuffer.Settings disk) {

    /** One configured component. */
    record Part(PluginKind kind, String id, String type) {
        String label() {
            return kind.label() + "/" + type + " (id " + id + ")";
        }
    }

    static final long DEFAULT_MAX_EVENTS = 10_000;
    static final long DEFAULT_MAX_BYTES = 64L << 20;

    /**
     * Reads the settings from configuration properties.
     *
     * @throws IllegalArgumentException naming the property when one is missing or wrong
     */
    static PipelineSettings from(Map<String, ?> props) {
        String name = string(props, "name");
        List<Part> readers = parts(props, PluginKind.READER, "reader");
        List<Part> processors = parts(props, PluginKind.PROCESSOR, "processor");
        List<Part> senders = parts(props, PluginKind.SENDER, "sender");
        if (readers.isEmpty()) {
            throw new IllegalArgumentException("pipeline " + name + " has no readers (reader.ids)");
        }
        if (senders.isEmpty()) {
            throw new IllegalArgumentException("pipeline " + name + " has no senders (sender.ids)");
        }
        Object bufferType = props.get("buffer.type");
        String type = bufferType == null ? "memory" : bufferType.toString();
        if (!type.equals("memory") && !type.equals("disk")) {
            throw new IllegalArgumentException("pipeline " + name + ": buffer.type '" + bufferType
                    + "' is not supported (memory, disk)");
        }
        long maxEvents = SenderSettings.number(props, "buffer.max.events", DEFAULT_MAX_EVENTS);
        long maxBytes = SenderSettings.number(props, "buffer.max.bytes", DEFAULT_MAX_BYTES);
        if (maxEvents <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("pipeline " + name + ": buffer limits must be positive");
        }
        DiskBuffer.Settings disk = null;
        if (type.equals("disk")) {
            disk = new DiskBuffer.Settings(maxBytes,
                    SenderSettings.number(props, "buffer.segment.bytes", 32L << 20),
                    choice(props, "buffer.when.full", DiskBuffer.FullPolicy.class, DiskBuffer.FullPolicy.BLOCK),
                    choice(props, "buffer.fsync", DiskBuffer.SyncPolicy.class, DiskBuffer.SyncPolicy.INTERVAL),
                    SenderSettings.number(props, "buffer.fsync.interval.ms", 1000));
        }
        return new PipelineSettings(name, readers, processors, senders, maxEvents, maxBytes,
                Path.of(string(props, "data.dir")).toAbsolutePath(), disk);
    }

    private static <E extends Enum<E>> E choice(Map<String, ?> props, String key, Class<E> type, E fallback) {
        Object v = props.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.toString().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pipeline configuration: " + key + " '" + v + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT), e);
        }
    }

    private static String string(Map<String, ?> props, String key) {
        Object v = props.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException("pipeline configuration lacks '" + key + "'");
        }
        return v.toString();
    }

    private static List<Part> parts(Map<String, ?> props, PluginKind kind, String prefix) {
        List<String> ids = strings(props.get(prefix + ".ids"));
        List<String> types = strings(props.get(prefix + ".types"));
        if (ids.size() != types.size()) {
            throw new IllegalArgumentException("pipeline configuration: " + prefix + ".ids and " + prefix
                    + ".types differ in length");
        }
        List<Part> parts = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            parts.add(new Part(kind, ids.get(i), types.get(i)));
        }
        return List.copyOf(parts);
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String[] a) {
            return Arrays.asList(a);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of(value.toString());
    }
}
