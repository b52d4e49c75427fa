package io.tailpost.sender.http.internal;

import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.json.ByteArrayBuilder;
import io.tailpost.sdk.json.EventJson;

/**
 * A reusable request body: a batch encoded as NDJSON (one JSON object and {@code '\n'}
 * per event), optionally gzip-compressed into a second reusable array. One body serves
 * one request at a time; {@link BodyPool} hands them out.
 */
final class NdjsonBody {
    private static final int MIN_GZIP_CAPACITY = 16 * 1024;

    private final ByteArrayBuilder json;
    private byte[] gzip;
    private int gzipSize;
    private Deflater deflater;
    private CRC32 crc;
    private boolean compressed;

    NdjsonBody(int initialCapacity) {
        json = new ByteArrayBuilder(initialCapacity);
    }

    /** Encodes {@code batch}, replacing what the body held, and compresses it when asked. */
    void encode(List<LogEvent> batch, boolean gzipIt) {
        json.reset();
        for (int i = 0, n = batch.size(); i < n; i++) {
            EventJson.writeEvent(batch.get(i), json);
            json.write('\n');
        }
        compressed = gzipIt;
        if (gzipIt) {
            compress();
        }
    }

    /** The bytes to send: valid from 0 to {@link #length()}. */
    byte[] array() {
        return compressed ? gzip : json.array();
    }

    int length() {
        return compressed ? gzipSize : json.size();
    }

    /** Bytes held by this body's arrays, to decide whether it is worth keeping. */
    int capacity() {
        return json.array().length + (gzip == null ? 0 : gzip.length);
    }

    /** Frees the native memory of the compressor; the body must not be used afterwards. */
    void dispose() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }

    // The gzip member format (RFC 1952) written by hand so that the deflater and output
    // array are reused across batches: fixed header, raw deflate data, CRC-32, length.
    private void compress() {
        if (deflater == null) {
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            crc = new CRC32();
            // Logs usually shrink several times; the array doubles when they do not.
            gzip = new byte[Math.max(MIN_GZIP_CAPACITY, json.size() / 4)];
        }
        byte[] src = json.array();
        int srcLength = json.size();
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
        deflater.setInput(src, 0, srcLength);
        deflater.finish();
        while (!deflater.finished()) {
            ensureGzipRoom(1);
            gzipSize += deflater.deflate(gzip, gzipSize, gzip.length - gzipSize);
        }

        crc.reset();
        crc.update(src, 0, srcLength);
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
