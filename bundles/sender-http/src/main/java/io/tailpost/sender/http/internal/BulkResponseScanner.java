package io.tailpost.sender.http.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an Elasticsearch / OpenSearch bulk response as it streams in and keeps what the
 * outcome needs: whether {@code errors} is true, how many items there are, and each item
 * whose {@code status} is not 2xx, with the first failure's {@code error.type} and
 * {@code error.reason}. A 200 response with {@code "errors":true} means some documents
 * were not stored, so the sender must not count the whole batch delivered.
 *
 * <p>It follows the JSON structure byte by byte (strings, escapes, nesting) without
 * building objects: root object, {@code items} array, one object per item holding one
 * action object ({@code create}, {@code index}...) with {@code status} and {@code error}.
 * Elasticsearch writes {@code errors} before {@code items}; once it reads
 * {@code "errors": false} the scanner stops, so a clean answer costs only its first bytes
 * (and {@link BulkItems#items} counts only the items read until then).
 */
final class BulkResponseScanner {
    private static final int MAX_DEPTH = 64;
    private static final int MAX_TEXT = 200;
    private static final byte OTHER = 0;
    private static final byte ERRORS = 1;
    private static final byte ITEMS = 2;
    private static final byte STATUS = 3;
    private static final byte ERROR = 4;
    private static final byte TYPE = 5;
    private static final byte REASON = 6;

    /** '{' or '[' per depth (1 = the root object). */
    private final byte[] containers = new byte[MAX_DEPTH + 1];
    /** The last key read at each depth. */
    private final byte[] keys = new byte[MAX_DEPTH + 1];
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean expectKey;
    private final byte[] key = new byte[8];
    private int keyLength;
    private final StringBuilder text = new StringBuilder();
    private long number = -1;

    private boolean errors;
    /** The answer said {@code "errors": false}: nothing after that is read. */
    private boolean noErrors;
    private int items;
    private int itemStatus;
    private String itemType;
    private String itemReason;
    private int[] failedItems = new int[8];
    private int[] failedStatuses = new int[8];
    private int failed;
    private String firstFailure;

    void consume(ByteBuffer src) {
        while (src.hasRemaining() && !noErrors) {
            accept(src.get());
        }
        // Once the answer says "errors": false its items are all stored: the rest is skipped.
        src.position(src.limit());
    }

    void accept(byte b) {
        if (inString) {
            string(b);
            return;
        }
        switch (b) {
            case '"' -> {
                inString = true;
                keyLength = 0;
                text.setLength(0);
            }
            case '{', '[' -> open(b);
            case '}', ']' -> close();
            case ':' -> {
                expectKey = false;
                number = -1;
            }
            case ',' -> {
                endValue();
                expectKey = depth >= 1 && depth <= MAX_DEPTH && containers[depth] == '{';
            }
            case 't', 'f' -> {
                if (depth == 1 && keys[1] == ERRORS && !expectKey) {
                    errors = b == 't';
                    noErrors = !errors;
                }
            }
            default -> {
                if (b >= '0' && b <= '9' && number < 1_000_000) {
                    number = (number < 0 ? 0 : number * 10) + (b - '0');
                }
            }
        }
    }

    private void string(byte b) {
        if (escaped) {
            escaped = false;
            keyLength = key.length + 1; // an escaped key is none of ours
            appendText(b);
            return;
        }
        if (b == '\\') {
            escaped = true;
            appendText(b);
            return;
        }
        if (b == '"') {
            inString = false;
            if (expectKey) {
                if (depth >= 1 && depth <= MAX_DEPTH) {
                    keys[depth] = keyCode();
                }
            } else if (inItemError()) {
                if (keys[5] == TYPE) {
                    itemType = text.toString();
                } else if (keys[5] == REASON) {
                    itemReason = text.toString();
                }
            }
            return;
        }
        if (expectKey) {
            if (keyLength < key.length) {
                key[keyLength] = b;
            }
            keyLength++;
        } else {
            appendText(b);
        }
    }

    private void appendText(byte b) {
        if (!expectKey && inItemError() && text.length() < MAX_TEXT) {
            // Bytes as Latin-1 code points, decoded as UTF-8 when the text is used.
            text.append((char) (b & 0xFF));
        }
    }

    private boolean inItemError() {
        return depth == 5 && inItems() && keys[4] == ERROR;
    }

    private boolean inItems() {
        return depth >= 3 && keys[1] == ITEMS && containers[2] == '[';
    }

    private byte keyCode() {
        String k = keyLength <= key.length ? new String(key, 0, keyLength, StandardCharsets.US_ASCII) : "";
        return switch (k) {
            case "errors" -> ERRORS;
            case "items" -> ITEMS;
            case "status" -> STATUS;
            case "error" -> ERROR;
            case "type" -> TYPE;
            case "reason" -> REASON;
            default -> OTHER;
        };
    }

    private void open(byte b) {
        depth++;
        if (depth <= MAX_DEPTH) {
            containers[depth] = b;
            keys[depth] = OTHER;
        }
        expectKey = b == '{';
        number = -1;
        if (depth == 3 && b == '{' && inItems()) {
            items++;
            itemStatus = -1;
            itemType = null;
            itemReason = null;
        }
    }

    private void close() {
        endValue();
        if (depth == 3 && inItems()) {
            endItem();
        }
        depth--;
        expectKey = false;
    }

    /** A value ended (at ',' or a closing bracket): a number after "status" in an item's action is its status. */
    private void endValue() {
        if (depth == 4 && number >= 0 && keys[4] == STATUS && inItems()) {
            itemStatus = (int) number;
        }
        number = -1;
    }

    private void endItem() {
        if (itemStatus >= 200 && itemStatus < 300) {
            return;
        }
        if (failed == failedItems.length) {
            failedItems = Arrays.copyOf(failedItems, failed * 2);
            failedStatuses = Arrays.copyOf(failedStatuses, failed * 2);
        }
        failedItems[failed] = items - 1;
        failedStatuses[failed] = Math.max(0, itemStatus);
        failed++;
        if (firstFailure == null) {
            String what = itemType != null ? decode(itemType) : null;
            String why = itemReason != null ? decode(itemReason) : null;
            firstFailure = what == null && why == null ? "no error given"
                    : what == null ? why : why == null ? what : what + ": " + why;
        }
    }

    private static String decode(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** What was read; call once the body has ended. */
    BulkItems result() {
        return new BulkItems(errors, items, Arrays.copyOf(failedItems, failed), Arrays.copyOf(failedStatuses, failed),
                firstFailure);
    }

    /**
     * A bulk response's verdict on its items.
     *
     * @param failedItems positions (0-based, in request order) of the items whose status is not 2xx
     * @param failedStatuses their statuses, 0 when an item had none
     * @param firstFailure the first failed item's {@code error.type: error.reason}, or null
     */
    record BulkItems(boolean errors, int items, int[] failedItems, int[] failedStatuses, String firstFailure) {
        /** Statuses worth retrying: 408, 429, 5xx, and an item without one. */
        static boolean retryable(int status) {
            return status == 0 || status == 408 || status == 429 || status >= 500;
        }
    }
}
