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
}
