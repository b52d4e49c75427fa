package io.tailpost.reader.file.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.reader.Acknowledgement;
import io.tailpost.sdk.reader.Emitter;

/**
 * Records what a reader emits. Batches are numbered from 0; those the policy accepts are
 * acknowledged at once, the others never. Optionally refuses every batch (pipeline stopping).
 */
final class RecordingEmitter implements Emitter {
    private final IntPredicate acknowledge;
    private final boolean refuse;
    private final List<List<LogEvent>> batches = new ArrayList<>();

    RecordingEmitter(IntPredicate acknowledge, boolean refuse) {
        this.acknowledge = acknowledge;
        this.refuse = refuse;
    }

    static RecordingEmitter ackingAll() {
        return new RecordingEmitter(i -> true, false);
    }

    @Override
    public boolean emit(List<LogEvent> events, Acknowledgement ack) {
        if (refuse) {
            return false;
        }
        int index;
        synchronized (this) {
            index = batches.size();
            batches.add(List.copyOf(events));
        }
        if (ack != null && acknowledge.test(index)) {
            ack.acknowledged();
        }
        return true;
    }

    synchronized List<List<LogEvent>> batches() {
        return List.copyOf(batches);
    }

    synchronized List<LogEvent> events() {
        List<LogEvent> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }

    /** The messages of every event emitted so far, in order. */
    List<String> lines() {
        return events().stream().map(LogEvent::message).toList();
    }
}
