package io.tailpost.sdk.sender;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

import io.tailpost.sdk.LogEvent;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A batch a sender has made ready to go (encoded, compressed) before it is sent; see
 * {@link Sender#prepare}. The core sends it once the batch before it is done, and may send
 * it again after a retryable outcome; it closes it exactly once when it is finished with
 * the batch (delivered, rejected, or given up at shutdown), sent or not.
 */
@ConsumerType
public interface PreparedBatch extends AutoCloseable {
    /**
     * Sends the batch, or after an earlier retryable outcome what of it is not delivered
     * yet. Never called concurrently for one prepared batch. A stage that completes
     * exceptionally counts as {@link SendOutcome#retryable retryable}.
     */
    CompletionStage<SendOutcome> send();

    /** Frees what the preparation holds. Must not throw. */
    @Override
    void close();

    /**
     * A batch with nothing prepared: {@link #send} calls {@code sender.send(batch)} and
     * {@link #close} does nothing. {@link Sender#prepare}'s default.
     */
    static PreparedBatch unprepared(Sender sender, List<LogEvent> batch) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(batch, "batch");
        return new PreparedBatch() {
            @Override
            public CompletionStage<SendOutcome> send() {
                return sender.send(batch);
            }

            @Override
            public void close() {
                // Nothing was prepared.
            }
        };
    }
}
