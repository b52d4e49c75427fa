package io.tailpost.sender.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.tailpost.sdk.sender.SendOutcome;
import io.tailpost.sdk.sender.SendOutcome.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutcomeClassifierTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static SendOutcome reply(int status, String retryAfter, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return OutcomeClassifier.ofReply(new HttpReply(status, retryAfter, bytes, bytes.length), NOW);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void twoHundredsAreDelivered(int status) {
        assertThat(reply(status, null, "").kind()).isEqualTo(Kind.DELIVERED);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504, 599})
    void overloadAndServerErrorsAreRetryable(int status) {
        SendOutcome outcome = reply(status, null, "busy");

        assertThat(outcome.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(outcome.reason()).isEqualTo("HTTP " + status + ": busy");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 413, 422})
    void otherClientErrorsAreRejected(int status) {
        assertThat(reply(status, "5", "no").kind()).isEqualTo(Kind.REJECTED);
    }

    @Test
    void redirectsAreRejectedWithAHint() {
        SendOutcome outcome = reply(301, null, "");

        assertThat(outcome.kind()).isEqualTo(Kind.REJECTED);
        assertThat(outcome.reason()).isEqualTo("HTTP 301 (redirects are not followed: set url to the final address)");
    }

    @Test
    void retryAfterInSecondsOrAsHttpDate() {
        assertThat(reply(503, "120", "").retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(reply(429, " 0 ", "").retryAfter()).isEqualTo(Duration.ZERO);
        assertThat(reply(503, "Sun, 01 Mar 2026 12:01:30 GMT", "").retryAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(reply(503, "Sun, 01 Mar 2026 11:00:00 GMT", "").retryAfter()).isEqualTo(Duration.ZERO);
        assertThat(reply(503, "later", "").retryAfter()).isNull();
        assertThat(reply(503, "-5", "").retryAfter()).isNull();
        assertThat(reply(503, "99999999999999999999999", "").retryAfter()).isNull();
    }

    @Test
    void excerptIsOneLine() {
        assertThat(reply(400, null, "line one\r\nline\ttwo\n").reason()).isEqualTo("HTTP 400: line one  line two");
    }

    @Test
    void failuresAreRetryableAndNamed() {
        assertThat(OutcomeClassifier.ofFailure(new ConnectException("Connection refused")))
                .extracting(SendOutcome::kind, SendOutcome::reason)
                .containsExactly(Kind.RETRYABLE, "cannot connect: ConnectException: Connection refused");
        assertThat(OutcomeClassifier.ofFailure(new SocketTimeoutException("300 MILLISECONDS")).reason())
                .isEqualTo("timed out: SocketTimeoutException: 300 MILLISECONDS");
        assertThat(OutcomeClassifier.ofFailure(new UnknownHostException("nowhere.invalid")).reason())
                .isEqualTo("unknown host: UnknownHostException: nowhere.invalid");
        assertThat(OutcomeClassifier.ofFailure(new IOException("Connection reset")).reason())
                .isEqualTo("I/O error: IOException: Connection reset");
        assertThat(OutcomeClassifier.ofFailure(new IllegalStateException()).kind()).isEqualTo(Kind.RETRYABLE);
    }
}
