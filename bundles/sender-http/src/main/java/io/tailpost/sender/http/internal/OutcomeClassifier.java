package io.tailpost.sender.http.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.tailpost.sdk.sender.SendOutcome;
import org.apache.hc.client5.http.utils.DateUtils;

/**
 * The rules that turn an HTTP exchange into a {@link SendOutcome}: 2xx is delivered;
 * 408, 429 and 5xx are retryable (honouring {@code Retry-After}); any other status is
 * rejected; a failure to connect, send or hear back in time is retryable.
 */
final class OutcomeClassifier {
    private OutcomeClassifier() {
    }

    /** The outcome of a response that arrived; {@code now} dates an HTTP-date {@code Retry-After}. */
    static SendOutcome ofReply(HttpReply reply, Instant now) {
        int status = reply.status();
        if (status >= 200 && status < 300) {
            return SendOutcome.delivered();
        }
        String excerpt = reply.excerptText();
        String reason = "HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt);
        if (status == 408 || status == 429 || (status >= 500 && status < 600)) {
            Duration retryAfter = parseRetryAfter(reply.retryAfter(), now);
            return retryAfter == null ? SendOutcome.retryable(reason) : SendOutcome.retryable(reason, retryAfter);
        }
        if (status >= 300 && status < 400) {
            return SendOutcome.rejected(reason + " (redirects are not followed: set url to the final address)");
        }
        return SendOutcome.rejected(reason);
    }

    /** The outcome of an exchange that failed before a response was read: always retryable. */
    static SendOutcome ofFailure(Throwable failure) {
        return SendOutcome.retryable(describe(failure));
    }

    static String describe(Throwable failure) {
        String what;
        if (failure instanceof UnknownHostException) {
            what = "unknown host";
        } else if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
            what = "cannot connect";
        } else if (failure instanceof SocketTimeoutException || failure instanceof TimeoutException
                || failure instanceof InterruptedIOException) {
            // HttpClient's connect and response timeouts are InterruptedIOExceptions.
            what = "timed out";
        } else if (failure instanceof SSLException) {
            what = "TLS failure";
        } else if (failure instanceof CancellationException) {
            what = "request cancelled";
        } else if (failure instanceof IOException) {
            what = "I/O error";
        } else {
            what = "request failed";
        }
        String message = failure.getMessage();
        return what + ": " + failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * Parses {@code Retry-After}: delta-seconds or an HTTP-date (a date in the past means
     * now). Returns {@code null} for an absent or unreadable value, which the core then
     * ignores in favour of its own backoff.
     */
    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.isEmpty()) {
            return null;
        }
        if (isDigits(v)) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return null; // more digits than a long holds: not a usable delay
            }
        }
        Instant at = DateUtils.parseStandardDate(v);
        if (at == null) {
            return null;
        }
        return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
