package io.tailpost.sender.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import io.tailpost.sender.http.internal.BulkResponseScanner.BulkItems;
import org.junit.jupiter.api.Test;

class BulkResponseScannerTest {

    /** As Elasticsearch 8 answers a bulk request of four documents, two of them failed. */
    private static final String PARTLY_FAILED = """
            {"took":30,"errors":true,"items":[
             {"create":{"_index":"logs","_id":"a1","_version":1,"result":"created","status":201,"_seq_no":0}},
             {"create":{"_index":"logs","status":429,"error":{"type":"es_rejected_execution_exception",
               "reason":"rejected execution of coordinating operation"}}},
             {"create":{"_index":"logs","_id":"a3","status":201,"_shards":{"total":2,"successful":1,"failed":0}}},
             {"create":{"_index":"logs","status":400,"error":{"type":"document_parsing_exception",
               "reason":"[1:42] failed to parse field [status] of type [long]: \\"OK\\" \\u00e9",
               "caused_by":{"type":"illegal_argument_exception","reason":"For input string: \\"OK\\""}}}}
            ]}""";

    private static BulkItems scanWhole(String body) {
        BulkResponseScanner scanner = new BulkResponseScanner();
        scanner.consume(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
        return scanner.result();
    }

    @Test
    void findsTheFailedItemsTheirStatusesAndTheFirstError() {
        BulkItems items = scanWhole(PARTLY_FAILED);
        assertThat(items.errors()).isTrue();
        assertThat(items.items()).isEqualTo(4);
        assertThat(items.failedItems()).containsExactly(1, 3);
        assertThat(items.failedStatuses()).containsExactly(429, 400);
        assertThat(items.firstFailure())
                .isEqualTo("es_rejected_execution_exception: rejected execution of coordinating operation");
        assertThat(BulkItems.retryable(429)).isTrue();
        assertThat(BulkItems.retryable(503)).isTrue();
        assertThat(BulkItems.retryable(400)).isFalse();
    }

    @Test
    void aResponseWithoutErrorsHasNoFailedItems() {
        BulkItems items = scanWhole("{\"took\":3,\"errors\":false,\"items\":[{\"index\":{\"_id\":\"x\",\"status\":201}},"
                + "{\"index\":{\"_id\":\"y\",\"status\":200,\"error\":null}}]}");
        assertThat(items.errors()).isFalse();
        assertThat(items.failedItems()).isEmpty();
    }

    @Test
    void afterErrorsFalseTheRestOfTheAnswerIsNotRead() {
        BulkResponseScanner scanner = new BulkResponseScanner();
        ByteBuffer head = ByteBuffer.wrap("{\"took\":3,\"errors\":false,\"items\":[{\"index\":{\"status\":201}}"
                .getBytes(StandardCharsets.UTF_8));
        scanner.consume(head);
        // Whatever follows (here an item that would count as failed) is skipped, and consumed.
        ByteBuffer rest = ByteBuffer.wrap(",{\"index\":{\"status\":500}}]}".getBytes(StandardCharsets.UTF_8));
        scanner.consume(rest);

        assertThat(head.hasRemaining()).isFalse();
        assertThat(rest.hasRemaining()).isFalse();
        BulkItems items = scanner.result();
        assertThat(items.errors()).isFalse();
        assertThat(items.items()).isZero();
        assertThat(items.failedItems()).isEmpty();
    }

    @Test
    void keysAndBracketsInsideStringsAndOtherObjectsAreNotMistakenForTheResponsesOwn() {
        BulkItems items = scanWhole("{\"note\":\"\\\"errors\\\":true, {[\",\"errors\":true,\"meta\":{\"status\":500,"
                + "\"items\":[1]},\"items\":[{\"create\":{\"_id\":\"status\",\"status\":503,\"error\":{\"type\":\"t\","
                + "\"reason\":\"a } ] \\\" b\"}}},{\"create\":{\"result\":\"status\",\"status\":201}}]}");
        assertThat(items.errors()).isTrue();
        assertThat(items.items()).isEqualTo(2);
        assertThat(items.failedItems()).containsExactly(0);
        assertThat(items.failedStatuses()).containsExactly(503);
        assertThat(items.firstFailure()).isEqualTo("t: a } ] \\\" b");
    }

    @Test
    void anItemWithoutAStatusCountsAsFailedAndRetryable() {
        BulkItems items = scanWhole("{\"errors\":true,\"items\":[{\"create\":{\"_id\":\"x\"}}]}");
        assertThat(items.failedItems()).containsExactly(0);
        assertThat(items.failedStatuses()).containsExactly(0);
        assertThat(items.firstFailure()).isEqualTo("no error given");
        assertThat(BulkItems.retryable(0)).isTrue();
    }

    @Test
    void givesTheSameVerdictHoweverTheBodyIsCutIntoPieces() {
        byte[] body = PARTLY_FAILED.getBytes(StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            BulkResponseScanner scanner = new BulkResponseScanner();
            int from = 0;
            while (from < body.length) {
                int n = Math.min(body.length - from, 1 + random.nextInt(16));
                scanner.consume(ByteBuffer.wrap(body, from, n));
                from += n;
            }
            BulkItems items = scanner.result();
            assertThat(items.failedItems()).containsExactly(1, 3);
            assertThat(items.failedStatuses()).containsExactly(429, 400);
            assertThat(items.items()).isEqualTo(4);
        }
    }
}
