package io.tailpost.sender.http.internal;

import java.util.Locale;

/** Request body compression, with its {@code Content-Encoding}. */
enum Compression {
    NONE(null), GZIP("gzip"), ZSTD("zstd");

    private final String contentEncoding;

    Compression(String contentEncoding) {
        this.contentEncoding = contentEncoding;
    }

    /** The {@code Content-Encoding} header value, or {@code null} for none. */
    String contentEncoding() {
        return contentEncoding;
    }

    /** The configuration name. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
