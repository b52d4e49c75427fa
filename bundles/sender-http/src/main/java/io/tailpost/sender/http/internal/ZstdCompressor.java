package io.tailpost.sender.http.internal;

import java.util.Arrays;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

/**
 * A reusable zstd compressor (zstd-jni, native). Only this class touches zstd-jni, so
 * the sender works without it unless {@code compression: zstd} is configured.
 */
final class ZstdCompressor {
    private static final int DEFAULT_LEVEL = 3;
    private final ZstdCompressCtx ctx = new ZstdCompressCtx().setLevel(DEFAULT_LEVEL).setChecksum(false);
    private int level = DEFAULT_LEVEL;
    private byte[] out = new byte[0];
    private int size;

    /** Fails with a clear message when zstd-jni or its native library is missing. */
    static void checkAvailable() {
        try {
            Zstd.compressBound(1);
        } catch (LinkageError e) {
            throw new IllegalStateException("compression zstd needs the zstd-jni bundle (com.github.luben.zstd-jni)"
                    + " with a native library for this platform: " + e, e);
        }
    }

    void compress(byte[] src, int offset, int length, int level) {
        if (level != this.level) {
            ctx.setLevel(level);
            this.level = level;
        }
        int bound = (int) Zstd.compressBound(length);
        if (out.length < bound) {
            out = Arrays.copyOf(out, Math.max(bound, out.length * 2));
        }
        size = ctx.compressByteArray(out, 0, out.length, src, offset, length);
    }

    byte[] array() {
        return out;
    }

    int size() {
        return size;
    }

    int capacity() {
        return out.length;
    }

    void close() {
        ctx.close();
    }
}
