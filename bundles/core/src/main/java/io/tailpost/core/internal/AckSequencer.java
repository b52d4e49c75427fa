package io.tailpost.core.internal;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;

import io.tailpost.sdk.reader.Acknowledgement;

/**
 * Runs one reader's acknowledgements in the order the reader emitted its batches, however
 * the batches complete: a batch's acknowledgement waits for every earlier one. So a reader
 * that writes "position after this batch" in its acknowledgement never moves backward
 * over a batch that is still in flight.
 */
final class AckSequencer {
    private static final System.Logger LOG = System.getLogger(AckSequencer.class.getName());
    private static final Acknowledgement NONE = () -> { };

    private final String readerId;
    private long nextSeq;
    private long nextToAck;
    private final Map<Long, Acknowledgement> completed = new HashMap<>();

    AckSequencer(String readerId) {
        this.readerId = readerId;
    }

    /** Numbers a new batch; called in emit order. */
    synchronized long register() {
        return nextSeq++;
    }

    /** Marks batch {@code seq} complete and runs every acknowledgement that is now in order. */
    synchronized void complete(long seq, Acknowledgement ack) {
        completed.put(seq, ack == null ? NONE : ack);
        Acknowledgement next;
        while ((next = completed.remove(nextToAck)) != null) {
            nextToAck++;
            try {
                next.acknowledged();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "acknowledgement of reader " + readerId + " failed; its checkpoint may lag", e);
            }
        }
    }

    /** Batches registered but not yet acknowledged. */
    synchronized long outstanding() {
        return nextSeq - nextToAck;
    }
}
