package io.tailpost.bench.e2e;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Counts the non-empty lines of a body read in pieces, eight bytes at a time: the sink
 * answers a request only after counting it, so with one request in flight its counting
 * is part of every agent's round trip and has to cost far less than the agents' work.
 * A line is non-empty when its newline follows a byte other than a newline; the last line
 * counts without a newline too.
 */
final class LineCounter {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    private long lines;
    /** Whether the byte before the next one is a newline (true at the start: no empty first line). */
    private boolean afterNewline = true;

    /** Counts {@code buf[0, length)}, which follows what was counted before. */
    void add(byte[] buf, int length) {
        long count = 0;
        long carry = afterNewline ? 0x80L : 0;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long t = (long) LONGS.get(buf, i) ^ NEWLINES;
            // 0x80 in each byte that was a newline, exactly (no carries between bytes).
            long marks = ~(((t & LOW7) + LOW7) | t | LOW7);
            count += Long.bitCount(marks & ~((marks << 8) | carry));
            carry = marks >>> 56;
        }
        boolean prevNewline = carry != 0;
        for (; i < length; i++) {
            boolean newline = buf[i] == '\n';
            if (newline && !prevNewline) {
                count++;
            }
            prevNewline = newline;
        }
        if (length > 0) {
            afterNewline = prevNewline;
        }
        lines += count;
    }

    /** The lines counted so far, including an unterminated last one. */
    long lines() {
        return lines + (afterNewline ? 0 : 1);
    }
}
