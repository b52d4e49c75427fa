package io.tailpost.sdk.sender;

import java.time.Duration;
import java.util.Objects;

/** How the delivery of one batch went. Immutable. */
public final class SendOutcome {
    /** The three outcomes the core acts on. */
    public enum Kind {
        /** The destination has the batch; the core acknowledges it. */
        DELIVERED,
        /** Try again later (timeouts, 429, 5xx, refused connections); never dropped. */
        RETRYABLE,
        /** The destination refuses the batch for good; it goes to the dead-letter output. */
        REJECTED
    }

    private static final int[] NONE = new int[0];
    private static final SendOutcome DELIVERED = new SendOutcome(Kind.DELIVERED, null, null, NONE);

    private final Kind kind;
    private final String reason;
    private final Duration retryAfter;
    private final int[] refused;

    private SendOutcome(Kind kind, String reason, Duration retryAfter, int[] refused) {
        this.kind = kind;
        this.reason = reason;
        this.retryAfter = retryAfter;
        this.refused = refused;
    }

    public static SendOutcome delivered() {
        return DELIVERED;
    }

    /**
     * Delivered, except the events at {@code refused} (positions in the batch) that the
     * destination refused for good, such as Elasticsearch bulk items that fail the index
     * mapping: the core dead-letters those with {@code reason} and acknowledges the batch.
     * With no position it is {@link #delivered()}.
     *
     * @throws IllegalArgumentException for a negative position
     * @since 1.1
     */
    public static SendOutcome deliveredExcept(int[] refused, String reason) {
        Objects.requireNonNull(reason);
        if (refused.length == 0) {
            return DELIVERED;
        }
        int[] positions = refused.clone();
        for (int p : positions) {
            if (p < 0) {
                throw new IllegalArgumentException("negative event position " + p);
            }
        }
        return new SendOutcome(Kind.DELIVERED, reason, null, positions);
    }

    /** A temporary failure; the core retries with exponential backoff. */
    public static SendOutcome retryable(String reason) {
        return new SendOutcome(Kind.RETRYABLE, Objects.requireNonNull(reason), null, NONE);
    }

    /** A temporary failure with the server's requested delay (e.g. HTTP Retry-After). */
    public static SendOutcome retryable(String reason, Duration retryAfter) {
        return new SendOutcome(Kind.RETRYABLE, Objects.requireNonNull(reason), retryAfter, NONE);
    }

    /** A permanent refusal, with a reason fit for the dead-letter record. */
    public static SendOutcome rejected(String reason) {
        return new SendOutcome(Kind.REJECTED, Objects.requireNonNull(reason), null, NONE);
    }

    public Kind kind() {
        return kind;
    }

    /** Why it was not delivered, or why some events were refused; {@code null} when all were delivered. */
    public String reason() {
        return reason;
    }

    /**
     * Positions in the batch of the events refused for good although the batch is
     * {@link Kind#DELIVERED delivered} (see {@link #deliveredExcept}); empty otherwise.
     *
     * @since 1.1
     */
    public int[] refusedEvents() {
        return refused.length == 0 ? NONE : refused.clone();
    }

    /** The delay the destination asked for, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public String toString() {
        return kind + (refused.length == 0 ? "" : " except " + refused.length + " events")
                + (reason == null ? "" : ": " + reason) + (retryAfter == null ? "" : " (retry after " + retryAfter + ")");
    }
}
