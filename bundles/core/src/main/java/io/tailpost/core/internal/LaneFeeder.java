package io.tailpost.core.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * Feeds one sender lane from that sender's own disk buffer, so a sender that is slow or
 * down only grows its own buffer: the pipeline and its other senders go on. A record is
 * acknowledged in the buffer once the lane has delivered (or dead-lettered) all of it.
 */
final class LaneFeeder {
    private static final System.Logger LOG = System.getLogger(LaneFeeder.class.getName());

    final DiskBuffer buffer;
    private final SenderLane lane;
    private final String pipeline;
    private final Thread thread;
    private volatile boolean running = true;

    LaneFeeder(DiskBuffer buffer, SenderLane lane, String pipeline) {
        this.buffer = buffer;
        this.lane = lane;
        this.pipeline = pipeline;
        this.thread = new Thread(this::run, "tailpost-" + pipeline + "-feed-" + lane.id);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                DiskBuffer.Record record;
                try {
                    record = buffer.next(200, TimeUnit.MILLISECONDS);
                } catch (IOException e) {
                    LOG.log(Level.ERROR, "sender " + lane.id + " of pipeline " + pipeline
                            + ": cannot read its disk buffer; trying again in a second", e);
                    synchronized (this) {
                        wait(1000);
                    }
                    continue;
                }
                if (record == null) {
                    continue;
                }
                // The decoded list is fresh and ours: no copy.
                Chunk chunk = new Chunk(record.events(), Chunk.bytesOf(record.events()),
                        () -> buffer.acknowledge(record));
                if (!lane.offer(chunk, chunk.events)) {
                    return; // closing: the record stays unacknowledged and is sent after a restart
                }
                chunk.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops feeding; what the lane already holds is still delivered while it drains. */
    void stop() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
