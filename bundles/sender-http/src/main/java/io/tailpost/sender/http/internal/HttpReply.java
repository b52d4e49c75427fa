package io.tailpost.sender.http.internal;

import java.nio.charset.StandardCharsets;

/**
 * What the sender keeps of a response: the status, the raw {@code Retry-After} value (or
 * {@code null}), the first bytes of the body when the status is not 2xx, and for a 2xx
 * Elasticsearch bulk response its items' verdict ({@code null} otherwise).
 */
record HttpReply(int status, String retryAfter, byte[] excerpt, int excerptLength, BulkResponseScanner.BulkItems bulk) {
    HttpReply(int status, String retryAfter, byte[] excerpt, int excerptLength) {
        this(status, retryAfter, excerpt, excerptLength, null);
    }

    /** How many bytes of an error body are kept for the outcome's reason. */
    static final int MAX_EXCERPT = 512;

    /**
     * The body excerpt as one line of text: UTF-8 decoded, control characters (line
     * breaks included) turned into spaces, trimmed; empty when there is none.
     */
    String excerptText() {
        if (excerpt == null || excerptLength == 0) {
            return "";
        }
        char[] text = new String(excerpt, 0, excerptLength, StandardCharsets.UTF_8).toCharArray();
        for (int i = 0; i < text.length; i++) {
            if (Character.isISOControl(text[i])) {
                text[i] = ' ';
            }
        }
        return new String(text).trim();
    }
}
