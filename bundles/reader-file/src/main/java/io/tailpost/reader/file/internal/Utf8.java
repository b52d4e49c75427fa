package io.tailpost.reader.file.internal;

/** Checks bytes for well-formed UTF-8 (no overlong forms, surrogates or values above U+10FFFF). */
final class Utf8 {
    private Utf8() {
    }

    static boolean isValid(byte[] a, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int b = a[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            if (b >= 0xC2 && b <= 0xDF) {
                if (i + 1 >= end || !continuation(a[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (b >= 0xE0 && b <= 0xEF) {
                if (i + 2 >= end || !continuation(a[i + 1]) || !continuation(a[i + 2])) {
                    return false;
                }
                int b1 = a[i + 1] & 0xFF;
                if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F)) {
                    return false;
                }
                i += 3;
            } else if (b >= 0xF0 && b <= 0xF4) {
                if (i + 3 >= end || !continuation(a[i + 1]) || !continuation(a[i + 2])
                        || !continuation(a[i + 3])) {
                    return false;
                }
                int b1 = a[i + 1] & 0xFF;
                if ((b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F)) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
