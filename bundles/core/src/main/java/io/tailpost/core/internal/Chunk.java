package io.tailpost.core.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.tailpost.sdk.LogEvent;

/**
 * One emitted batch on its way through a pipeline. It is complete when every hold on it
 * is released: one hold while the processing stage dispatches it, plus one per sender
 * lane segment until the lane has delivered the segment's last event.
 */
final class Chunk {
    /** The events; emptied once a disk buffer holds them (see {@link #dropEvents}). */
    List<LogEvent> events;
    final int eventCount;
    final long bytes;
    private final Runnable onComplete;
    private final AtomicInteger holds = new AtomicInteger(1);

    /**
     * @param onComplete runs once, on the thread that releases the last hold: acknowledges
     *     the reader (memory buffer) or the buffered record (disk buffer)
     */
    Chunk(List<LogEvent> events, long bytes, Runnable onComplete) {
        this.events = events;
        this.eventCount = events.size();
        this.bytes = bytes;
        this.onComplete = onComplete;
    }

    /**
     * Lets go of the events while holds remain, for a chunk whose events are written to
     * disk buffers and that waits only for their fsync: the events and the read buffers
     * behind them are then free long before the chunk completes.
     */
    void dropEvents() {
        events = List.of();
    }

    void hold() {
        holds.incrementAndGet();
    }

    void release() {
        int left = holds.decrementAndGet();
        if (left == 0) {
            onComplete.run();
        } else if (left < 0) {
            throw new IllegalStateException("chunk released more often than held");
        }
    }

    static long bytesOf(List<LogEvent> events) {
        long total = 0;
        for (int i = 0, n = events.size(); i < n; i++) {
            total += events.get(i).estimatedSize();
        }
        return total;
    }
}
