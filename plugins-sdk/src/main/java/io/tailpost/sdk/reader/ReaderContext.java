package io.tailpost.sdk.reader;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** What the core gives a {@link Reader} when it starts it. */
@ProviderType
public interface ReaderContext {
    /** The reader's id from configuration; stable across restarts. */
    String readerId();

    /** The name of the pipeline the reader feeds. */
    String pipeline();

    /** Where the reader hands its events. */
    Emitter emitter();

    /** The reader's durable positions, kept by the core under the data directory. */
    CheckpointStore checkpoints();

    /** A directory the reader may use for its own state; it exists. */
    Path stateDirectory();

    /** Whether the pipeline is still running; a reader's loop stops when this turns false. */
    boolean isRunning();

    /**
     * Reports a problem the reader works around while it goes on reading what it can (a
     * file it may not read, a folder that vanished): status shows the reader as failing
     * with this reason until the reader reports {@code null}. Cheap; call it when the
     * problem starts and ends, not on every poll.
     *
     * @param problem what is wrong, for people; {@code null} when everything works again
     * @since 1.1
     */
    default void reportProblem(String problem) {
    }
}
