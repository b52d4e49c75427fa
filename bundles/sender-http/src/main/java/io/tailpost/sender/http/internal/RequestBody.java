package io.tailpost.sender.http.internal;

import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.json.ByteArrayBuilder;

/**
 * A reusable request body: a run of a batch encoded in a {@link BodyFormat}, up to a
 * size limit, optionally compressed (gzip or zstd) into a second reusable array. One
 * body serves one request at a time; {@link BodyPool} hands them out.
 */
final class RequestBody {
    private static final int MIN_COMPRESSED_CAPACITY = 16 * 1024;

    private final ByteArrayBuilder body;
    private final ByteArrayBuilder event = new ByteArrayBuilder(256);
    private final ByteArrayBuilder tmp = new ByteArrayBuilder(256);
    private int start;
    private int from;
    private int to;
    private Compression compression = Compression.NONE;
    private byte[] gzip;
    private int gzipSize;
    private Deflater deflater;
    private int gzipLevel;
    private CRC32 crc;
    private ZstdCompressor zstd;

    RequestBody(int initialCapacity) {
        body = new ByteArrayBuilder(initialCapacity);
    }

    /**
     * Encodes the events of {@code batch} from index {@code from} until the body would
     * exceed {@code maxBytes} (uncompressed; at least one event is always taken), replacing
     * what the body held, then compresses it.
     *
     * @return the index after the last event taken
     */
    int encode(BodyFormat format, List<LogEvent> batch, int from, long maxBytes, Compression compression) {
        return encode(format, batch, from, maxBytes, compression, 0);
    }

    /**
     * Like {@link #encode(BodyFormat, List, int, long, Compression)} at compression
     * {@code level} (0: gzip 1, zstd 3).
     */
    int encode(BodyFormat format, List<LogEvent> batch, int from, long maxBytes, Compression compression, int level) {
        body.reset();
        format.open(body);
        int n = batch.size();
        int i = from;
        int closing = format.closeOverhead();
        boolean inPlace = format.writesInPlace();
        while (i < n) {
            boolean first = i == from;
            tmp.reset();
            if (inPlace) {
                // Straight into the body; taken back if it went past the limit.
                int mark = body.size();
                format.separate(body, first);
                format.writeEvent(batch.get(i), body, tmp);
                if (!first && (long) body.size() + closing > maxBytes) {
                    body.setSize(mark);
                    break;
                }
            } else {
                event.reset();
                format.writeEvent(batch.get(i), event, tmp);
                if (!first && (long) body.size() + format.appendOverhead(event.size(), false) + event.size() + closing
                        > maxBytes) {
                    break;
                }
                format.append(body, event, first);
            }
            i++;
        }
        start = format.close(body);
        this.from = from;
        this.to = i;
        this.compression = compression;
        switch (compression) {
            case GZIP -> gzip(level == 0 ? 1 : level);
            case ZSTD -> {
                if (zstd == null) {
                    zstd = new ZstdCompressor();
                }
                zstd.compress(body.array(), start, body.size() - start, level == 0 ? 3 : level);
            }
            default -> {
            }
        }
        return i;
    }

    /** Convenience for a whole batch without a size limit. */
    void encode(BodyFormat format, List<LogEvent> batch, Compression compression) {
        encode(format, batch, 0, Long.MAX_VALUE, compression);
    }

    /** The bytes to send: valid from {@link #offset()} for {@link #length()} bytes. */
    byte[] array() {
        return switch (compression) {
            case GZIP -> gzip;
            case ZSTD -> zstd.array();
            default -> body.array();
        };
    }

    int offset() {
        return compression == Compression.NONE ? start : 0;
    }

    int length() {
        return switch (compression) {
            case GZIP -> gzipSize;
            case ZSTD -> zstd.size();
            default -> body.size() - start;
        };
    }

    /** The encoded size before compression. */
    int uncompressedLength() {
        return body.size() - start;
    }

    /** Index of the first event in this body. */
    int from() {
        return from;
    }

    /** Index after the last event in this body. */
    int to() {
        return to;
    }

    /** Bytes held by this body's arrays, to decide whether it is worth keeping. */
    int capacity() {
        return body.array().length + event.array().length + (gzip == null ? 0 : gzip.length)
                + (zstd == null ? 0 : zstd.capacity());
    }

    /** Frees the native memory of the compressors; the body must not be used afterwards. */
    void dispose() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
        if (zstd != null) {
            zstd.close();
            zstd = null;
        }
    }

    // The gzip member format (RFC 1952) written by hand so that the deflater and output
    // array are reused across batches: fixed header, raw deflate data, CRC-32, length.
    private void gzip(int level) {
        if (deflater == null || gzipLevel != level) {
            if (deflater != null) {
                deflater.end();
            }
            deflater = new Deflater(level, true);
            gzipLevel = level;
            crc = new CRC32();
            // Logs usually shrink several times; the array doubles when they do not.
            gzip = new byte[Math.max(MIN_COMPRESSED_CAPACITY, body.size() / 4)];
        }
        byte[] src = body.array();
        int srcLength = body.size() - start;
        gzipSize = 0;
        ensureGzipRoom(10);
        gzip[0] = 0x1f;
        gzip[1] = (byte) 0x8b;
        gzip[2] = 8; // deflate
        gzip[3] = 0; // no flags
        gzip[4] = 0; // no modification time (4 bytes)
        gzip[5] = 0;
        gzip[6] = 0;
        gzip[7] = 0;
        gzip[8] = 0; // no extra flags
        gzip[9] = (byte) 0xff; // unknown OS
        gzipSize = 10;

        deflater.reset();
        deflater.setInput(src, start, srcLength);
        deflater.finish();
        while (!deflater.finished()) {
            ensureGzipRoom(1);
            gzipSize += deflater.deflate(gzip, gzipSize, gzip.length - gzipSize);
        }

        crc.reset();
        crc.update(src, start, srcLength);
        ensureGzipRoom(8);
        writeIntLittleEndian((int) crc.getValue());
        writeIntLittleEndian(srcLength);
    }

    private void ensureGzipRoom(int extra) {
        if (gzip.length - gzipSize < extra) {
            gzip = Arrays.copyOf(gzip, Math.max(gzipSize + extra, gzip.length * 2));
        }
    }

    private void writeIntLittleEndian(int v) {
        gzip[gzipSize++] = (byte) v;
        gzip[gzipSize++] = (byte) (v >>> 8);
        gzip[gzipSize++] = (byte) (v >>> 16);
        gzip[gzipSize++] = (byte) (v >>> 24);
    }
}
