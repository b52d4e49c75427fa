package io.tailpost.sdk.status;

import java.util.List;

/**
 * One pipeline, as the core sees it now.
 *
 * @param name the pipeline name
 * @param state its state: {@link State#WAITING} while any part is missing
 * @param reason why it is not running, e.g. "waiting for plugin processor/json", or {@code null}
 * @param eventsIn events taken from readers
 * @param eventsOut events delivered by every sender
 * @param queuedEvents events taken but not yet delivered
 * @param components its readers, processors and senders, in configuration order
 */
public record PipelineStatus(String name, State state, String reason, long eventsIn, long eventsOut,
        long queuedEvents, List<ComponentStatus> components) {
}
