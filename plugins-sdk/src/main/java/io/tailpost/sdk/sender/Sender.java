package io.tailpost.sdk.sender;

import java.util.List;
import java.util.concurrent.CompletionStage;

import io.tailpost.sdk.LogEvent;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Delivers batches to a destination, registered as a service by a configured plugin
 * component. A sender sends one batch and says how it went; batching, retries with
 * backoff, concurrency limits, acknowledgements and dead letters are the core's, so
 * every sender behaves alike.
 *
 * <p>Configuration keys every sender accepts (read by the core from the service
 * properties): {@code batch.max.events}, {@code batch.max.bytes}, {@code batch.timeout.ms},
 * {@code retry.initial.ms}, {@code retry.max.ms}.
 */
@ConsumerType
public interface Sender {
    /**
     * Sends one batch. The list must not be changed or kept after the returned stage
     * completes. A stage that completes exceptionally counts as
     * {@link SendOutcome#retryable retryable}.
     */
    CompletionStage<SendOutcome> send(List<LogEvent> batch);

    /**
     * Does the work of sending {@code batch} that needs no destination (encoding,
     * compression) and returns the batch ready to send. The core prepares the next batch
     * while the one before it is on its way, and sends it only when that one is done: with
     * one batch in flight (the default, which keeps order) encoding then overlaps waiting
     * for the destination. Called on the core's batching thread; like {@link #send} it
     * must not throw, and a batch that cannot be encoded is best prepared as one whose
     * {@link PreparedBatch#send} answers {@link SendOutcome#rejected rejected}.
     *
     * <p>The default prepares nothing: its {@link PreparedBatch#send} calls
     * {@link #send(List) send(batch)}. The list must not be kept after the prepared batch
     * is closed.
     *
     * @since 1.1
     */
    default PreparedBatch prepare(List<LogEvent> batch) {
        return PreparedBatch.unprepared(this, batch);
    }
}
