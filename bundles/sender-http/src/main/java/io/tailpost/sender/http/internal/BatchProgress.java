package io.tailpost.sender.http.internal;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.tailpost.sdk.LogEvent;

/**
 * How far a batch sent in several requests got: the core retries a batch as a whole,
 * passing the same list again, so the parts already delivered are remembered here (by
 * identity of the list) and not sent twice. An entry lives from the first partial
 * delivery to the batch's end (delivered or rejected). The map is bounded: should the
 * core abandon batches, forgetting old entries only means sending those parts again,
 * which at-least-once delivery allows.
 */
final class BatchProgress {
    private static final int MAX_ENTRIES = 256;
    private final Map<List<LogEvent>, Integer> delivered = new IdentityHashMap<>();

    /** Index of the first event of {@code batch} not yet delivered. */
    synchronized int start(List<LogEvent> batch) {
        Integer from = delivered.get(batch);
        return from == null || from > batch.size() ? 0 : from;
    }

    /** Records that the events before {@code upTo} are delivered. */
    synchronized void delivered(List<LogEvent> batch, int upTo) {
        if (delivered.size() >= MAX_ENTRIES && !delivered.containsKey(batch)) {
            delivered.clear();
        }
        delivered.put(batch, upTo);
    }

    /** The batch is over: delivered whole, or rejected. */
    synchronized void forget(List<LogEvent> batch) {
        delivered.remove(batch);
    }

    synchronized int size() {
        return delivered.size();
    }

    synchronized void clear() {
        delivered.clear();
    }
}
