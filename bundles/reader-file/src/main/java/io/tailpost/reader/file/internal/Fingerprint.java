package io.tailpost.reader.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * A checksum of a file's first bytes, written {@code "<length>:<crc32c hex>"}. With
 * device and inode it tells a file from another that got the same inode after the first
 * was deleted, and a file rewritten from the start (copytruncate) from one that grew.
 * A young file's fingerprint covers what it has so far and grows with it up to the
 * configured length; a fingerprint matches a file whose first {@code length} bytes have
 * the same checksum. An empty fingerprint (length 0) matches every file.
 *
 * @param length how many bytes it covers
 * @param crc their CRC-32C
 */
record Fingerprint(int length, long crc) {
    static final Fingerprint NONE = new Fingerprint(0, 0);

    /** The fingerprint of the first {@code min(size, maxBytes)} bytes of {@code channel}. */
    static Fingerprint of(FileChannel channel, int maxBytes) throws IOException {
        if (maxBytes <= 0) {
            return NONE;
        }
        long size = channel.size();
        int length = (int) Math.min(size, maxBytes);
        if (length == 0) {
            return NONE;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, buffer.position()) < 0) {
                break;
            }
        }
        buffer.flip();
        CRC32C crc = new CRC32C();
        crc.update(buffer);
        return new Fingerprint(buffer.limit(), crc.getValue());
    }

    /** Whether the first {@link #length} bytes of {@code channel} are the ones fingerprinted. */
    boolean matches(FileChannel channel) throws IOException {
        if (length == 0) {
            return true;
        }
        if (channel.size() < length) {
            return false;
        }
        return of(channel, length).equals(this);
    }

    /** Parses {@code "<length>:<hex>"}; {@code null} when it is not one. */
    static Fingerprint parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            int length = Integer.parseInt(text.substring(0, colon));
            long crc = Long.parseLong(text.substring(colon + 1), 16);
            return length >= 0 ? new Fingerprint(length, crc) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return length + ":" + Long.toHexString(crc);
    }
}
