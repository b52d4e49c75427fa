package io.tailpost.reader.file.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The encodings the file reader reads; events always carry UTF-8. */
enum LineEncoding {
    UTF_8("utf-8", StandardCharsets.UTF_8, 1, false),
    UTF_16LE("utf-16le", StandardCharsets.UTF_16LE, 2, false),
    UTF_16BE("utf-16be", StandardCharsets.UTF_16BE, 2, true),
    ISO_8859_1("iso-8859-1", StandardCharsets.ISO_8859_1, 1, false);

    private final String label;
    private final Charset charset;
    private final int unit;
    private final boolean bigEndian;

    LineEncoding(String label, Charset charset, int unit, boolean bigEndian) {
        this.label = label;
        this.charset = charset;
        this.unit = unit;
        this.bigEndian = bigEndian;
    }

    String label() {
        return label;
    }

    Charset charset() {
        return charset;
    }

    /** Bytes per code unit: 1, or 2 for UTF-16. */
    int unit() {
        return unit;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    /** The encoding named {@code text} (also utf8, latin1, ...), or {@code null}. */
    static LineEncoding parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (s) {
            case "utf-8", "utf8" -> UTF_8;
            case "utf-16le", "utf16le" -> UTF_16LE;
            case "utf-16be", "utf16be" -> UTF_16BE;
            case "iso-8859-1", "iso8859-1", "latin1", "latin-1" -> ISO_8859_1;
            default -> null;
        };
    }
}
