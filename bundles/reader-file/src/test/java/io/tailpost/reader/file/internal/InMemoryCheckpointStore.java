package io.tailpost.reader.file.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tailpost.sdk.reader.CheckpointStore;

/** A checkpoint store that keeps its entries in memory, shared across reader restarts in a test. */
final class InMemoryCheckpointStore implements CheckpointStore {
    private final Map<String, String> entries = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> entries() {
        return Map.copyOf(entries);
    }

    @Override
    public String get(String key) {
        return entries.get(key);
    }

    @Override
    public void put(String key, String value) {
        entries.put(key, value);
    }

    @Override
    public void remove(String key) {
        entries.remove(key);
    }

    @Override
    public void flush() {
        // Nothing to write: the entries live in memory only.
    }
}
