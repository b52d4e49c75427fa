package io.tailpost.sender.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Reads what the outcome needs from a response: the status, {@code Retry-After} and, for
 * a status other than 2xx, the first {@value HttpReply#MAX_EXCERPT} bytes of the body; for
 * a 2xx answer to an Elasticsearch bulk request, the items' statuses
 * ({@link BulkResponseScanner}). The rest of the body is read and dropped, so the
 * connection can be reused.
 */
final class ResponseExcerptConsumer implements AsyncResponseConsumer<HttpReply> {
    private final boolean bulk;
    private BulkResponseScanner scanner;
    private int status;
    private String retryAfter;
    private byte[] excerpt;
    private int excerptLength;
    private FutureCallback<HttpReply> resultCallback;

    /** @param bulk whether a 2xx answer lists a verdict per event ({@link BodyFormat#answersPerEvent}) */
    ResponseExcerptConsumer(boolean bulk) {
        this.bulk = bulk;
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entityDetails, HttpContext context,
            FutureCallback<HttpReply> resultCallback) {
        status = response.getCode();
        Header header = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
        retryAfter = header == null ? null : header.getValue();
        if (entityDetails == null) {
            resultCallback.completed(result());
        } else {
            if (status / 100 != 2) {
                excerpt = new byte[HttpReply.MAX_EXCERPT];
            } else if (bulk) {
                scanner = new BulkResponseScanner();
            }
            this.resultCallback = resultCallback;
        }
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx responses carry nothing the outcome depends on.
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        capacityChannel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) {
        if (scanner != null) {
            scanner.consume(src);
            return;
        }
        if (excerpt != null && excerptLength < excerpt.length) {
            int n = Math.min(src.remaining(), excerpt.length - excerptLength);
            src.get(excerpt, excerptLength, n);
            excerptLength += n;
        }
        src.position(src.limit());
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        FutureCallback<HttpReply> callback = resultCallback;
        if (callback != null) {
            callback.completed(result());
        }
    }

    @Override
    public void failed(Exception cause) {
        // The client reports the failure to the request's callback as well.
    }

    @Override
    public void releaseResources() {
        resultCallback = null;
    }

    private HttpReply result() {
        return new HttpReply(status, retryAfter, excerpt, excerptLength, scanner == null ? null : scanner.result());
    }
}
