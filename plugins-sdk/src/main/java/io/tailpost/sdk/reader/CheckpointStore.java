package io.tailpost.sdk.reader;

import java.io.IOException;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable key/value positions of one reader (for example file identity to byte offset).
 * The core replaces its file atomically (temporary file, rename) a few milliseconds after
 * each change, on its own thread, so {@link #put} is cheap to call from an
 * acknowledgement and positions survive the process being killed; {@link #flush} also
 * forces them to the disk, for a power loss. Readers call it on an interval.
 */
@ProviderType
public interface CheckpointStore {
    /** A snapshot of every entry, as last put (including entries not yet written). */
    Map<String, String> entries();

    /** The value for {@code key}, or {@code null}. */
    String get(String key);

    /** Sets {@code key}; written to disk shortly after. */
    void put(String key, String value);

    /** Removes {@code key}; written to disk shortly after. */
    void remove(String key);

    /** Writes every change now and returns when it is durable (fsync'd). */
    void flush() throws IOException;
}
