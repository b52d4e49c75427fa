package io.tailpost.sdk.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SendOutcomeTest {

    @Test
    void deliveredExceptKeepsItsOwnCopyOfThePositionsAndSaysWhy() {
        int[] positions = {4, 2};
        SendOutcome outcome = SendOutcome.deliveredExcept(positions, "bulk item refused with status 400");
        positions[0] = 0;

        assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.DELIVERED);
        assertThat(outcome.refusedEvents()).containsExactly(4, 2);
        outcome.refusedEvents()[0] = 7;
        assertThat(outcome.refusedEvents()).containsExactly(4, 2);
        assertThat(outcome.reason()).isEqualTo("bulk item refused with status 400");
        assertThat(outcome).hasToString("DELIVERED except 2 events: bulk item refused with status 400");
    }

    @Test
    void deliveredExceptNothingIsPlainDeliveredAndANegativePositionIsAnError() {
        assertThat(SendOutcome.deliveredExcept(new int[0], "none")).isSameAs(SendOutcome.delivered());
        assertThat(SendOutcome.delivered().refusedEvents()).isEmpty();
        assertThat(SendOutcome.retryable("HTTP 503").refusedEvents()).isEmpty();
        assertThatThrownBy(() -> SendOutcome.deliveredExcept(new int[] {1, -1}, "bad"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
