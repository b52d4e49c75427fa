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

    private static final SendOutcome DELIVERED = new SendOutcome(Kind.DELIVERED, null, null);

    private final Kind kind;
    private final String reason;
    private final Duration retryAfter;

    private SendOutcome(Kind kind, String reason, Duration retryAfter) {
        this.kind = kind;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public static SendOutcome delivered() {
        return DELIVERED;
    }

    /** A temporary failure; the core retries with exponential backoff. */
    public static SendOutcome retryable(String reason) {
        return new SendOutcome(Kind.RETRYABLE, Objects.requireNonNull(reason), null);
    }

    /** A temporary failure with the server's requested delay (e.g. HTTP Retry-After). */
    public static SendOutcome retryable(String reason, Duration retryAfter) {
        return new SendOutcome(Kind.RETRYABLE, Objects.requireNonNull(reason), retryAfter);
    }

    /** A permanent refusal, with a reason fit for the dead-letter record. */
    public static SendOutcome rejected(String reason) {
        return new SendOutcome(Kind.REJECTED, Objects.requireNonNull(reason), null);
    }

    public Kind kind() {
        return kind;
    }

    /** Why it was not delivered; {@code null} when delivered. */
    public String reason() {
        return reason;
    }

    /** The delay the destination asked for, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public String toString() {
        return kind + (reason == null ? "" : ": " + reason) + (retryAfter == null ? "" : " (retry after " + retryAfter + ")");
    }
}
