package io.tailpost.sender.http.internal;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * A few {@link NdjsonBody} buffers shared by concurrent sends, so that a steady stream of
 * batches reuses the same arrays. A body taken while all are busy is new; a body that
 * grew beyond {@link #maxRetainedBytes} (one unusually large batch) is dropped on return
 * rather than kept for ever.
 */
final class BodyPool {
    private final ArrayBlockingQueue<NdjsonBody> idle;
    private final int initialCapacity;
    private final int maxRetainedBytes;

    BodyPool(int size, int initialCapacity, int maxRetainedBytes) {
        this.idle = new ArrayBlockingQueue<>(size);
        this.initialCapacity = initialCapacity;
        this.maxRetainedBytes = maxRetainedBytes;
    }

    NdjsonBody take() {
        NdjsonBody body = idle.poll();
        return body != null ? body : new NdjsonBody(initialCapacity);
    }

    void give(NdjsonBody body) {
        if (body.capacity() > maxRetainedBytes || !idle.offer(body)) {
            body.dispose();
        }
    }

    /** Frees what is idle; bodies in use are disposed of when given back. */
    void clear() {
        NdjsonBody body;
        while ((body = idle.poll()) != null) {
            body.dispose();
        }
    }
}
