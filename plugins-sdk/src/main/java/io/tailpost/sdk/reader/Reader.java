package io.tailpost.sdk.reader;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of events, registered as a service by a configured plugin component.
 *
 * <p>The core calls {@link #start} once every part of the reader's pipeline is present
 * and {@link #stop} when the pipeline stops or the reader's service goes away. A reader
 * reads on its own thread(s), hands batches to {@link ReaderContext#emitter()}, and
 * commits its position to {@link ReaderContext#checkpoints()} only from the
 * {@link Acknowledgement} of a batch, so that nothing it moved past is lost.
 */
@ConsumerType
public interface Reader {
    /**
     * Starts reading. Must return promptly; reading happens on the reader's own thread.
     *
     * @throws Exception when the reader cannot start; the pipeline reports the message
     */
    void start(ReaderContext context) throws Exception;

    /**
     * Stops reading and returns once no further {@link Emitter#emit} call will be made.
     * Acknowledgements of batches already emitted may still arrive afterwards.
     */
    void stop();
}
