package io.tailpost.reader.file.internal;

import java.util.Arrays;

/**
 * Cuts the byte stream of one file into lines on {@code '\n'}, dropping the terminator
 * and a {@code '\r'} just before it.
 *
 * <p>Bytes are handed over in chunks as they are read. Complete lines of a chunk are
 * copied once into a fresh array that the lines are slices of, so the sink may keep
 * them (an event refers to its slice). The unterminated rest is kept as the pending
 * line and completed by a later chunk; it is never emitted on its own unless
 * {@link #flush} is called (the file is finished).
 *
 * <p>A line whose content is longer than {@code maxLineBytes} is handed over in pieces
 * of at most that size, each flagged as split, as soon as the pieces are known to be
 * part of an over-long line. So memory stays bounded by {@code maxLineBytes} plus one
 * chunk however long a line is.
 *
 * <p>{@link #position()} is the stream offset just after the last byte consumed by a
 * line handed to the sink (terminator included); it already counts the line being
 * handed over when the sink is called. The pending bytes follow it.
 */
final class LineSplitter {
    /** Receives lines; the array slice stays valid and unchanged after the call. */
    interface LineSink {
        void line(byte[] array, int offset, int length, boolean split);
    }

    private static final byte[] EMPTY = new byte[0];
    private static final int KEEP_PENDING_CAPACITY = 64 * 1024;

    private final int maxLineBytes;
    private byte[] pending = EMPTY;
    private int pendingLength;
    private boolean inSplitLine;
    private long position;

    LineSplitter(int maxLineBytes, long startPosition) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1, not " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.position = startPosition;
    }

    /** The stream offset after the last consumed byte; pending bytes start here. */
    long position() {
        return position;
    }

    /** How many bytes of an unterminated line are held. */
    int pendingLength() {
        return pendingLength;
    }

    /** Forgets the pending line and continues at {@code newPosition} (after truncation). */
    void reset(long newPosition) {
        position = newPosition;
        pendingLength = 0;
        inSplitLine = false;
        releaseLargePending();
    }

    /** Consumes {@code length} bytes of {@code src} from {@code offset}; {@code src} is not kept. */
    void feed(byte[] src, int offset, int length, LineSink sink) {
        if (length <= 0) {
            return;
        }
        int lastNewline = lastNewline(src, offset, length);
        if (lastNewline < 0) {
            appendPending(src, offset, length);
            cutOverlongPending(sink);
            return;
        }
        int completeLength = lastNewline + 1 - offset;
        byte[] chunk = new byte[pendingLength + completeLength];
        System.arraycopy(pending, 0, chunk, 0, pendingLength);
        System.arraycopy(src, offset, chunk, pendingLength, completeLength);
        pendingLength = 0;
        releaseLargePending();
        emitTerminatedLines(chunk, sink);
        int rest = length - completeLength;
        if (rest > 0) {
            appendPending(src, lastNewline + 1, rest);
            cutOverlongPending(sink);
        }
    }

    /** Hands over the pending bytes as a last line, for a file that will not grow any more. */
    void flush(LineSink sink) {
        if (pendingLength == 0) {
            return;
        }
        int consumed = pendingLength;
        int length = pending[pendingLength - 1] == '\r' ? pendingLength - 1 : pendingLength;
        byte[] line = Arrays.copyOf(pending, length);
        boolean split = inSplitLine;
        position += consumed;
        pendingLength = 0;
        inSplitLine = false;
        releaseLargePending();
        if (length > 0 || !split) {
            sink.line(line, 0, length, split);
        }
    }

    private void emitTerminatedLines(byte[] chunk, LineSink sink) {
        int start = 0;
        for (int i = 0; i < chunk.length; i++) {
            if (chunk[i] == '\n') {
                emitLine(chunk, start, i, sink);
                start = i + 1;
            }
        }
    }

    /** Emits {@code chunk[start, newline)}; the byte at {@code newline} is the terminator. */
    private void emitLine(byte[] chunk, int start, int newline, LineSink sink) {
        int end = newline > start && chunk[newline - 1] == '\r' ? newline - 1 : newline;
        int s = start;
        while (end - s > maxLineBytes) {
            position += maxLineBytes;
            inSplitLine = true;
            sink.line(chunk, s, maxLineBytes, true);
            s += maxLineBytes;
        }
        boolean split = inSplitLine;
        position += newline + 1 - s;
        inSplitLine = false;
        // The rest of a line that was cut exactly at its end is empty: nothing more to say.
        if (end > s || !split) {
            sink.line(chunk, s, end - s, split);
        }
    }

    /**
     * Cuts whole pieces off the pending line once it is certainly longer than the limit.
     * One byte more than the limit is held back when it is a {@code '\r'}: it may be the
     * first half of a {@code "\r\n"} terminator.
     */
    private void cutOverlongPending(LineSink sink) {
        int cut = 0;
        while (true) {
            int remaining = pendingLength - cut;
            if (remaining <= maxLineBytes
                    || (remaining == maxLineBytes + 1 && pending[cut + maxLineBytes] == '\r')) {
                break;
            }
            cut += maxLineBytes;
        }
        if (cut == 0) {
            return;
        }
        byte[] pieces = Arrays.copyOf(pending, cut);
        System.arraycopy(pending, cut, pending, 0, pendingLength - cut);
        pendingLength -= cut;
        for (int s = 0; s < cut; s += maxLineBytes) {
            position += maxLineBytes;
            inSplitLine = true;
            sink.line(pieces, s, maxLineBytes, true);
        }
    }

    private void appendPending(byte[] src, int offset, int length) {
        int needed = pendingLength + length;
        if (needed > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(needed, Math.min(2 * pending.length, maxLineBytes + 1)));
        }
        System.arraycopy(src, offset, pending, pendingLength, length);
        pendingLength = needed;
    }

    /** Lets the buffer of an unusually long line go once that line is done. */
    private void releaseLargePending() {
        if (pendingLength == 0 && pending.length > KEEP_PENDING_CAPACITY) {
            pending = EMPTY;
        }
    }

    private static int lastNewline(byte[] src, int offset, int length) {
        for (int i = offset + length - 1; i >= offset; i--) {
            if (src[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
