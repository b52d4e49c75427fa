package io.tailpost.sdk.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array meant to be reused: encode a whole request body into it, hand
 * {@link #array()} and {@link #size()} to the transport, then {@link #reset()}. Not
 * thread-safe.
 */
public final class ByteArrayBuilder {
    private byte[] buf;
    private int size;

    public ByteArrayBuilder(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** The backing array; valid bytes are {@code [0, size())}. */
    public byte[] array() {
        return buf;
    }

    public int size() {
        return size;
    }

    /**
     * Sets the count of valid bytes, after writing into {@link #array()} directly (made
     * room for with {@link #ensure}) or to cut back to an earlier size.
     */
    public void setSize(int newSize) {
        if (newSize < 0 || newSize > buf.length) {
            throw new IndexOutOfBoundsException("size " + newSize + " of " + buf.length);
        }
        size = newSize;
    }

    /** Forgets the content, keeping the capacity. */
    public void reset() {
        size = 0;
    }

    /** Makes room for {@code extra} more bytes. */
    public void ensure(int extra) {
        int needed = size + extra;
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    public ByteArrayBuilder write(int b) {
        if (size == buf.length) {
            ensure(1);
        }
        buf[size++] = (byte) b;
        return this;
    }

    public ByteArrayBuilder write(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, buf, size, length);
        size += length;
        return this;
    }

    public ByteArrayBuilder write(byte[] src) {
        return write(src, 0, src.length);
    }

    /** Writes ASCII text (one byte per char); for known names and numbers only. */
    public ByteArrayBuilder writeAscii(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** Writes a non-negative or negative decimal number without allocating. */
    public ByteArrayBuilder writeDecimal(long value) {
        if (value == Long.MIN_VALUE) {
            return writeAscii("-9223372036854775808");
        }
        if (value < 0) {
            write('-');
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = size + digits - 1; i >= size; i--) {
            buf[i] = (byte) ('0' + (value % 10));
            value /= 10;
        }
        size += digits;
        return this;
    }

    /** Copies the content out. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    @Override
    public String toString() {
        return new String(buf, 0, size, StandardCharsets.UTF_8);
    }
}
