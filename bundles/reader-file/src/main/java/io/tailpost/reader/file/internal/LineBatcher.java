package io.tailpost.reader.file.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.tailpost.sdk.LogEvent;

/**
 * Turns the lines of one chunk of one file into events, in batches of at most
 * {@code maxLines}, each with the file offset just after its last line. Reused for every
 * chunk by the reader thread; the lists it hands out belong to the caller.
 */
final class LineBatcher implements LineSplitter.LineSink {
    /** Metadata key set on the pieces of a line longer than the maximum. */
    static final String TRUNCATED = "truncated";
    static final String SPLIT = "split";

    /** Events to emit together and the offset to acknowledge for them. */
    record Batch(List<LogEvent> events, long endOffset) {
    }

    private final int maxLines;
    private final ArrayDeque<Batch> ready = new ArrayDeque<>();
    private List<LogEvent> current;
    private LineSplitter splitter;
    private String source;
    private long timeUnixNanos;

    LineBatcher(int maxLines) {
        this.maxLines = maxLines;
    }

    /** Starts collecting the lines {@code splitter} finds in {@code source}, stamped with {@code timeUnixNanos}. */
    void begin(LineSplitter splitter, String source, long timeUnixNanos) {
        this.splitter = splitter;
        this.source = source;
        this.timeUnixNanos = timeUnixNanos;
    }

    @Override
    public void line(byte[] array, int offset, int length, boolean split) {
        LogEvent event = LogEvent.ofBytes(array, offset, length, timeUnixNanos);
        event.setSource(source);
        if (split) {
            event.metadata().put(TRUNCATED, SPLIT);
        }
        if (current == null) {
            current = new ArrayList<>(Math.min(maxLines, 256));
        }
        current.add(event);
        if (current.size() >= maxLines) {
            ready.add(new Batch(current, splitter.position()));
            current = null;
        }
    }

    /** Closes the batch in progress, if any. */
    void end() {
        if (current != null) {
            ready.add(new Batch(current, splitter.position()));
            current = null;
        }
        splitter = null;
        source = null;
    }

    /** The next complete batch, or {@code null}. */
    Batch poll() {
        return ready.poll();
    }

    /** Drops batches not emitted (the reader is stopping). */
    void clear() {
        ready.clear();
        current = null;
    }
}
