package io.tailpost.sdk.reader;

import java.util.List;

import io.tailpost.sdk.LogEvent;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The entrance of a pipeline. Emitting is the only way a reader hands over events, and
 * it applies backpressure: when the pipeline's queue is full the call blocks until room
 * is made. Nothing emitted is dropped silently.
 */
@ProviderType
public interface Emitter {
    /**
     * Hands a batch to the pipeline. The list and its events belong to the core
     * afterwards.
     *
     * @param events the batch, in order; may be empty (to carry an acknowledgement only)
     * @param ack called once every event of this batch has been delivered by every
     *     sender of the pipeline (or dead-lettered, or stored durably in a disk buffer);
     *     calls for one reader arrive in emit order, on a core thread; may be {@code null}
     * @return {@code true} when the batch was taken; {@code false} when the pipeline is
     *     stopping and did not take it (the reader should end its loop)
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    boolean emit(List<LogEvent> events, Acknowledgement ack) throws InterruptedException;
}
