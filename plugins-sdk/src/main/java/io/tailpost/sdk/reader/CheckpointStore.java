package io.tailpost.sdk.reader;

import java.io.IOException;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable key/value positions of one reader (for example file identity to byte offset).
 * The core writes them atomically (temporary file, fsync, rename) soon after each
 * change, on its own thread, so {@link #put} is cheap to call from an acknowledgement.
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

    /** Writes every change to disk now and returns when it is durable. */
    void flush() throws IOException;
}
