package io.tailpost.reader.file.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Cuts the byte stream of one file into lines on the newline character, dropping the
 * terminator and a carriage return just before it. Works on bytes only: one-byte
 * encodings (UTF-8, ISO-8859-1) look for {@code '\n'} eight bytes at a time; UTF-16
 * looks for the two-byte unit of U+000A at even offsets.
 *
 * <p>Bytes are handed over in chunks as they are read. Complete lines of a chunk are
 * copied once into a fresh array that the lines are slices of, so the sink may keep
 * them (an event refers to its slice). The unterminated rest is kept as the pending
 * line and completed by a later chunk; it is handed over on its own only by
 * {@link #flush} (the file is finished, or its partial line waited long enough).
 *
 * <p>A line longer than {@code maxLineBytes} is either handed over in pieces of at most
 * that size, each flagged {@link #SPLIT}, or cut to its first {@code maxLineBytes} bytes,
 * flagged {@link #TRUNCATED}, and the rest skipped up to the newline. Either way memory
 * stays bounded by {@code maxLineBytes} plus one chunk however long a line is, and the
 * file goes on being read.
 *
 * <p>{@link #position()} is the stream offset just after the last byte consumed
 * (terminator included); it already counts the line being handed over when the sink is
 * called. The pending bytes follow it.
 */
final class LineSplitter {
    /** Receives lines; the array slice stays valid and unchanged after the call. */
    interface LineSink {
        /**
         * @param flags a combination of {@link #SPLIT}, {@link #TRUNCATED} and
         *     {@link #NON_ASCII} (some byte of the line may be 0x80 or above)
         */
        void line(byte[] array, int offset, int length, int flags);
    }

    /** The line is a piece of a longer line. */
    static final int SPLIT = 1;
    /** The line was cut at the maximum length and its rest skipped. */
    static final int TRUNCATED = 2;
    /** The line may hold bytes of 0x80 and above (known per chunk, so possibly not). */
    static final int NON_ASCII = 4;

    private static final byte[] EMPTY = new byte[0];
    private static final int KEEP_PENDING_CAPACITY = 64 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    private final int maxLineBytes;
    private final boolean truncate;
    private final int unit;
    private final boolean bigEndian;
    private byte[] pending = EMPTY;
    private int pendingLength;
    private boolean inSplitLine;
    private boolean discarding;
    private long position;

    /** A splitter of a one-byte encoding that splits over-long lines. */
    LineSplitter(int maxLineBytes, long startPosition) {
        this(maxLineBytes, false, 1, false, startPosition);
    }

    /**
     * @param maxLineBytes the longest line handed over whole (rounded down to whole units)
     * @param truncate whether an over-long line is cut (else split into pieces)
     * @param unit bytes per code unit: 1 (UTF-8, ISO-8859-1) or 2 (UTF-16)
     * @param bigEndian for {@code unit} 2: UTF-16BE rather than LE
     * @param startPosition the stream offset of the first byte fed
     */
    LineSplitter(int maxLineBytes, boolean truncate, int unit, boolean bigEndian, long startPosition) {
        if (unit != 1 && unit != 2) {
            throw new IllegalArgumentException("unit must be 1 or 2, not " + unit);
        }
        int max = maxLineBytes - maxLineBytes % unit;
        if (max < 1) {
            throw new IllegalArgumentException("maxLineBytes must be at least " + unit + ", not " + maxLineBytes);
        }
        this.maxLineBytes = max;
        this.truncate = truncate;
        this.unit = unit;
        this.bigEndian = bigEndian;
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
        discarding = false;
        releaseLargePending();
    }

    /** Consumes {@code length} bytes of {@code src} from {@code offset}; {@code src} is not kept. */
    void feed(byte[] src, int offset, int length, LineSink sink) {
        if (length <= 0) {
            return;
        }
        if (unit == 2) {
            feedWide(src, offset, length, sink);
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
        emitNarrowLines(chunk, chunk.length, sink);
        int rest = length - completeLength;
        if (rest > 0) {
            appendPending(src, lastNewline + 1, rest);
            cutOverlongPending(sink);
        }
    }

    /**
     * Reads at the read position into {@code scratch}, after the pending line, and hands
     * over the complete lines. They are copied once, at their exact size, into the array
     * their events will be slices of; {@code scratch} is reused for the next read and
     * stays in the processor's cache. A pending line longer than half of {@code scratch}
     * is read after in an array of its own.
     *
     * @return the bytes read, or -1 at the end of the file
     */
    int read(FileChannel channel, byte[] scratch, LineSink sink) throws IOException {
        if (unit == 2) {
            int n = channel.read(ByteBuffer.wrap(scratch), position + pendingLength);
            feed(scratch, 0, Math.max(n, 0), sink);
            return n;
        }
        int held = pendingLength;
        byte[] buffer = held <= scratch.length / 2 ? scratch : new byte[held + scratch.length];
        System.arraycopy(pending, 0, buffer, 0, held);
        int n = channel.read(ByteBuffer.wrap(buffer, held, buffer.length - held), position + held);
        if (n <= 0) {
            return n;
        }
        int total = held + n;
        int lastNewline = lastNewline(buffer, held, n);
        if (lastNewline < 0) {
            appendPending(buffer, held, n);
            cutOverlongPending(sink);
            return n;
        }
        int complete = lastNewline + 1;
        byte[] chunk = buffer != scratch && complete >= buffer.length / 2 ? buffer : Arrays.copyOf(buffer, complete);
        pendingLength = 0;
        releaseLargePending();
        if (total > complete) {
            appendPending(buffer, complete, total - complete);
        }
        emitNarrowLines(chunk, complete, sink);
        if (pendingLength > 0) {
            cutOverlongPending(sink);
        }
        return n;
    }

    /** Hands over the pending bytes as a last line, for a file that will not grow (for now). */
    void flush(LineSink sink) {
        if (pendingLength == 0) {
            return;
        }
        int consumed = pendingLength;
        int length = endsWithCarriageReturn(pending, 0, pendingLength) ? pendingLength - unit : pendingLength;
        byte[] line = Arrays.copyOf(pending, length);
        boolean split = inSplitLine;
        boolean skip = discarding;
        position += consumed;
        pendingLength = 0;
        inSplitLine = false;
        discarding = false;
        releaseLargePending();
        if (!skip && (length > 0 || !split)) {
            sink.line(line, 0, length, (split ? SPLIT : 0) | highFlag(line, 0, length));
        }
    }

    private void feedWide(byte[] src, int offset, int length, LineSink sink) {
        appendPending(src, offset, length);
        int end = -1;
        for (int i = (pendingLength & ~1) - 2; i >= 0; i -= 2) {
            if (isWideNewline(pending, i)) {
                end = i + 2;
                break;
            }
        }
        if (end > 0) {
            byte[] chunk = Arrays.copyOf(pending, end);
            System.arraycopy(pending, end, pending, 0, pendingLength - end);
            pendingLength -= end;
            int start = 0;
            for (int i = 0; i < end; i += 2) {
                if (isWideNewline(chunk, i)) {
                    emitLine(chunk, start, i, NON_ASCII, sink);
                    start = i + 2;
                }
            }
        }
        cutOverlongPending(sink);
    }

    private boolean isWideNewline(byte[] a, int i) {
        return bigEndian ? a[i] == 0 && a[i + 1] == '\n' : a[i] == '\n' && a[i + 1] == 0;
    }

    /**
     * Emits the lines of {@code chunk[0, end)}, which ends with a newline. One pass finds the
     * newlines eight bytes at a time and notes whether a line may hold a byte of 0x80 or
     * above (a word read across a line end counts for the line it starts in: the flag may
     * be set for a line that is plain ASCII, never missed for one that is not).
     */
    private void emitNarrowLines(byte[] chunk, int end, LineSink sink) {
        int start = 0;
        while (start < end) {
            long found = nextNewline(chunk, start, end);
            int nl = (int) found;
            emitLine(chunk, start, nl, found < 0 ? NON_ASCII : 0, sink);
            start = nl + 1;
        }
    }

    /**
     * The index (0 to 7) of the lowest byte whose high bit is set in {@code marks} (only high
     * bits set, at least one; the lowest is exact in a zero-byte test): a multiply instead of
     * counting trailing zeros, which the client compiler does not make one instruction.
     */
    private static int firstMarkedByte(long marks) {
        return (int) ((((marks & -marks) >>> 7) * 0x0001020304050607L) >>> 56);
    }

    /**
     * The index of the first newline in {@code a[from, end)} (there is one), negated as a
     * long (sign bit set) when a byte of 0x80 or above may come before it. Small on purpose,
     * so that the compiler inlines the eight-byte reads into its loop.
     */
    private static long nextNewline(byte[] a, int from, int end) {
        long seen = 0;
        int i = from;
        for (; i + 16 <= end; i += 16) {
            long w1 = (long) LONGS.get(a, i);
            long w2 = (long) LONGS.get(a, i + 8);
            long x1 = w1 ^ NEWLINES;
            long x2 = w2 ^ NEWLINES;
            long f1 = (x1 - ONES) & ~x1 & HIGHS;
            long f2 = (x2 - ONES) & ~x2 & HIGHS;
            seen |= w1 | w2;
            if ((f1 | f2) != 0) {
                int at = f1 != 0 ? i + firstMarkedByte(f1) : i + 8 + firstMarkedByte(f2);
                return at | ((seen & HIGHS) != 0 ? Long.MIN_VALUE : 0);
            }
        }
        for (; i + 8 <= end; i += 8) {
            long word = (long) LONGS.get(a, i);
            long x = word ^ NEWLINES;
            long found = (x - ONES) & ~x & HIGHS;
            seen |= word;
            if (found != 0) {
                return i + firstMarkedByte(found) | ((seen & HIGHS) != 0 ? Long.MIN_VALUE : 0);
            }
        }
        for (; i < end; i++) {
            seen |= a[i];
            if (a[i] == '\n') {
                return i | ((seen & HIGHS) != 0 ? Long.MIN_VALUE : 0);
            }
        }
        throw new IllegalStateException("no newline in " + from + ".." + end);
    }

    /** Emits {@code chunk[start, newline)}; the unit at {@code newline} is the terminator. */
    private void emitLine(byte[] chunk, int start, int newline, int flags, LineSink sink) {
        int end = unit == 1 ? (newline > start && chunk[newline - 1] == '\r' ? newline - 1 : newline)
                : endsWithCarriageReturn(chunk, start, newline - start) ? newline - unit : newline;
        int consumedEnd = newline + unit;
        if (discarding) {
            position += consumedEnd - start;
            discarding = false;
            return;
        }
        int s = start;
        if (end - s > maxLineBytes) {
            if (truncate) {
                position += consumedEnd - s;
                inSplitLine = false;
                sink.line(chunk, s, maxLineBytes, TRUNCATED | flags);
                return;
            }
            while (end - s > maxLineBytes) {
                position += maxLineBytes;
                inSplitLine = true;
                sink.line(chunk, s, maxLineBytes, SPLIT | flags);
                s += maxLineBytes;
            }
        }
        boolean split = inSplitLine;
        position += consumedEnd - s;
        inSplitLine = false;
        // The rest of a line that was cut exactly at its end is empty: nothing more to say.
        if (end > s || !split) {
            sink.line(chunk, s, end - s, (split ? SPLIT : 0) | flags);
        }
    }

    private boolean endsWithCarriageReturn(byte[] a, int start, int length) {
        if (length < unit) {
            return false;
        }
        int last = start + length - unit;
        if (unit == 1) {
            return a[last] == '\r';
        }
        return bigEndian ? a[last] == 0 && a[last + 1] == '\r' : a[last] == '\r' && a[last + 1] == 0;
    }

    /**
     * Deals with a pending line once it is certainly longer than the limit: cuts whole
     * pieces off it (split) or hands over its head and drops the rest (truncate). A
     * carriage return just past the limit is held back: it may start the terminator.
     */
    private void cutOverlongPending(LineSink sink) {
        if (discarding) {
            int keep = endsWithCarriageReturn(pending, 0, pendingLength) ? unit : 0;
            position += pendingLength - keep;
            System.arraycopy(pending, pendingLength - keep, pending, 0, keep);
            pendingLength = keep;
            return;
        }
        int cut = 0;
        while (true) {
            int remaining = pendingLength - cut;
            if (remaining <= maxLineBytes || (remaining == maxLineBytes + unit
                    && endsWithCarriageReturn(pending, cut, maxLineBytes + unit))) {
                break;
            }
            cut += maxLineBytes;
            if (truncate) {
                break;
            }
        }
        if (cut == 0) {
            return;
        }
        byte[] pieces = Arrays.copyOf(pending, cut);
        int flags = highFlag(pieces, 0, cut);
        if (truncate) {
            position += maxLineBytes;
            inSplitLine = false;
            discarding = true;
            System.arraycopy(pending, cut, pending, 0, pendingLength - cut);
            pendingLength -= cut;
            sink.line(pieces, 0, maxLineBytes, TRUNCATED | flags);
            cutOverlongPending(sink);
            return;
        }
        System.arraycopy(pending, cut, pending, 0, pendingLength - cut);
        pendingLength -= cut;
        for (int s = 0; s < cut; s += maxLineBytes) {
            position += maxLineBytes;
            inSplitLine = true;
            sink.line(pieces, s, maxLineBytes, SPLIT | flags);
        }
    }

    private int highFlag(byte[] a, int offset, int length) {
        if (unit == 2) {
            return NON_ASCII;
        }
        for (int i = offset; i < offset + length; i++) {
            if (a[i] < 0) {
                return NON_ASCII;
            }
        }
        return 0;
    }

    private void appendPending(byte[] src, int offset, int length) {
        int needed = pendingLength + length;
        if (needed > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(needed, Math.min(2 * pending.length, maxLineBytes + unit)));
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
