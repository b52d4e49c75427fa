package io.tailpost.sender.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;

import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * A request body that streams {@code length} bytes of an array from {@code offset} without copying
 * them (HttpCore's own producers take a whole array). The array must stay unchanged until
 * the exchange is over.
 */
final class ByteSliceEntityProducer implements AsyncEntityProducer {
    private final ByteBuffer content;
    private final String contentType;
    private final String contentEncoding;

    ByteSliceEntityProducer(byte[] array, int offset, int length, String contentType, String contentEncoding) {
        this.content = ByteBuffer.wrap(array, offset, length).slice();
        this.contentType = contentType;
        this.contentEncoding = contentEncoding;
    }

    @Override
    public long getContentLength() {
        return content.limit();
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getContentEncoding() {
        return contentEncoding;
    }

    @Override
    public boolean isChunked() {
        return false;
    }

    @Override
    public Set<String> getTrailerNames() {
        return Set.of();
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public int available() {
        return content.remaining();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        if (content.hasRemaining()) {
            channel.write(content);
        }
        if (!content.hasRemaining()) {
            channel.endStream();
        }
    }

    @Override
    public void failed(Exception cause) {
        // The exchange reports the failure to the request's callback, which decides the outcome.
    }

    @Override
    public void releaseResources() {
        content.rewind();
    }
}
