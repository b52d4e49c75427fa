package io.tailpost.sender.http.internal;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * A few {@link RequestBody} buffers shared by concurrent sends, so that a steady stream of
 * batches reuses the same arrays. A body taken while all are busy is new; a body that
 * grew beyond {@link #maxRetainedBytes} (one unusually large batch) is dropped on return
 * rather than kept for ever.
 */
final class BodyPool {
    private final ArrayBlockingQueue<RequestBody> idle;
    private final int initialCapacity;
    private final int maxRetainedBytes;

    BodyPool(int size, int initialCapacity, int maxRetainedBytes) {
        this.idle = new ArrayBlockingQueue<>(size);
        this.initialCapacity = initialCapacity;
        this.maxRetainedBytes = maxRetainedBytes;
    }

    RequestBody take() {
        RequestBody body = idle.poll();
        return body != null ? body : new RequestBody(initialCapacity);
    }

    void give(RequestBody body) {
        if (body.capacity() > maxRetainedBytes || !idle.offer(body)) {
            body.dispose();
        }
    }

    /** Frees what is idle; bodies in use are disposed of when given back. */
    void clear() {
        RequestBody body;
        while ((body = idle.poll()) != null) {
            body.dispose();
        }
    }
}
