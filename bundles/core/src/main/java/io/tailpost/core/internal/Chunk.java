package io.tailpost.core.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.reader.Acknowledgement;

/**
 * One emitted batch on its way through a pipeline. It is complete when every hold on it
 * is released: one hold while the processing stage dispatches it, plus one per sender
 * lane segment until the lane has delivered the segment's last event.
 */
final class Chunk {
    final List<LogEvent> events;
    final int eventCount;
    final long bytes;
    private final AckSequencer sequencer;
    private final long seq;
    private final Acknowledgement ack;
    private final LongConsumer onComplete;
    private final AtomicInteger holds = new AtomicInteger(1);

    Chunk(List<LogEvent> events, long bytes, AckSequencer sequencer, Acknowledgement ack, LongConsumer onComplete) {
        this.events = events;
        this.onComplete = onComplete;
        this.eventCount = events.size();
        this.bytes = bytes;
        this.sequencer = sequencer;
        this.ack = ack;
        this.seq = sequencer.register();
    }

    void hold() {
        holds.incrementAndGet();
    }

    void release() {
        int left = holds.decrementAndGet();
        if (left == 0) {
            onComplete.accept(eventCount);
            sequencer.complete(seq, ack);
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
