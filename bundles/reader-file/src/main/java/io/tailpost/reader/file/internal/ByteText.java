package io.tailpost.reader.file.internal;

/**
 * A read-only view of ASCII bytes as characters, so a pattern can be matched against a
 * line without decoding it into a String.
 */
final class ByteText implements CharSequence {
    private final byte[] array;
    private final int offset;
    private final int length;

    ByteText(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) (array[offset + index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + length);
        }
        return new ByteText(array, offset + start, end - start);
    }

    @Override
    public String toString() {
        return new String(array, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
