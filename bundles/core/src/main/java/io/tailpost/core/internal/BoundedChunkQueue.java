package io.tailpost.core.internal;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pipeline's entrance queue, bounded by events and bytes. {@link #put} blocks while
 * full (backpressure on readers); a chunk larger than the limits is still taken when the
 * queue is empty, so one big batch can never deadlock a reader.
 */
final class BoundedChunkQueue {
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private final long maxEvents;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private long events;
    private long bytes;
    private boolean closed;

    BoundedChunkQueue(long maxEvents, long maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /** Adds a chunk, waiting for room. Returns false when the queue was closed. */
    boolean put(Chunk chunk) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed && !queue.isEmpty()
                    && (events + chunk.eventCount > maxEvents || bytes + chunk.bytes > maxBytes)) {
                notFull.await();
            }
            if (closed) {
                return false;
            }
            queue.addLast(chunk);
            events += chunk.eventCount;
            bytes += chunk.bytes;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next chunk, waiting up to the timeout; null on timeout or when closed and empty. */
    Chunk poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (queue.isEmpty()) {
                if (closed || nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            Chunk c = queue.removeFirst();
            events -= c.eventCount;
            bytes -= c.bytes;
            notFull.signalAll();
            return c;
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking chunks; waiting producers return false. Queued chunks can still be polled. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long events() {
        lock.lock();
        try {
            return events;
        } finally {
            lock.unlock();
        }
    }
}
