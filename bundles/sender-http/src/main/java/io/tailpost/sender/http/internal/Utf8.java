package io.tailpost.sender.http.internal;

import io.tailpost.sdk.json.ByteArrayBuilder;

/**
 * UTF-8 on bytes for protobuf strings, which must be valid UTF-8: invalid sequences in a
 * message become U+FFFD, as in the JSON formats.
 */
final class Utf8 {
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private Utf8() {
    }

    /** The encoded length of {@code s}, as {@code String.getBytes(UTF_8)} writes it. */
    static int length(String s) {
        int n = s.length();
        int len = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    len += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    len += 2; // 4 bytes for 2 chars
                    i++;
                } else if (Character.isSurrogate(c)) {
                    len += 0; // an unpaired surrogate is written as '?'
                } else {
                    len += 2;
                }
            }
        }
        return len;
    }

    /** The length of the bytes after replacing invalid sequences. */
    static int sanitizedLength(byte[] src, int offset, int length) {
        int end = offset + length;
        int len = 0;
        int i = offset;
        while (i < end) {
            if (src[i] >= 0) {
                i++;
                len++;
                continue;
            }
            int n = sequenceLength(src, i, end);
            if (n > 0) {
                i += n;
                len += n;
            } else {
                i++;
                len += REPLACEMENT.length;
            }
        }
        return len;
    }

    /** Writes the bytes, invalid sequences replaced by U+FFFD. */
    static void writeSanitized(byte[] src, int offset, int length, ByteArrayBuilder out) {
        int end = offset + length;
        int run = offset;
        int i = offset;
        while (i < end) {
            if (src[i] >= 0) {
                i++;
                continue;
            }
            int n = sequenceLength(src, i, end);
            if (n > 0) {
                i += n;
                continue;
            }
            out.write(src, run, i - run);
            out.write(REPLACEMENT);
            i++;
            run = i;
        }
        out.write(src, run, end - run);
    }

    /** The length of the valid multi-byte sequence at {@code i}, or 0 (RFC 3629: no overlongs, surrogates). */
    private static int sequenceLength(byte[] src, int i, int end) {
        int b = src[i] & 0xFF;
        if (b >= 0xC2 && b <= 0xDF) {
            return i + 1 < end && cont(src[i + 1]) ? 2 : 0;
        }
        if (b >= 0xE0 && b <= 0xEF) {
            if (i + 2 >= end || !cont(src[i + 1]) || !cont(src[i + 2])) {
                return 0;
            }
            int b1 = src[i + 1] & 0xFF;
            return (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0) ? 0 : 3;
        }
        if (b >= 0xF0 && b <= 0xF4) {
            if (i + 3 >= end || !cont(src[i + 1]) || !cont(src[i + 2]) || !cont(src[i + 3])) {
                return 0;
            }
            int b1 = src[i + 1] & 0xFF;
            return (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90) ? 0 : 4;
        }
        return 0;
    }

    private static boolean cont(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
