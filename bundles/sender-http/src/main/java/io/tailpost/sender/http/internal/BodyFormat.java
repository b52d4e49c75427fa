package io.tailpost.sender.http.internal;

import java.nio.charset.StandardCharsets;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.json.ByteArrayBuilder;

/**
 * A wire format: how a batch becomes one request body. A body is {@link #open opened},
 * gets each event's bytes, and is {@link #close closed}. Most formats write each event
 * straight into the body after its {@link #separate separator} (the caller cuts it off
 * again past a size limit); a format that must see an event's bytes first has them written
 * by {@link #writeEvent} into scratch space and then {@link #append appended}. Formats are
 * stateless and shared by concurrent sends.
 */
abstract class BodyFormat {
    /** The {@code Content-Type} of the body. */
    abstract String contentType();

    /** Writes what comes before the first event. */
    void open(ByteArrayBuilder out) {
    }

    /**
     * Writes one event's own bytes to {@code event} (empty on entry); {@code tmp} is
     * scratch space the format may use (also empty on entry).
     */
    abstract void writeEvent(LogEvent e, ByteArrayBuilder event, ByteArrayBuilder tmp);

    /** Appends one event written by {@link #writeEvent}, with its separator when it is not the first. */
    void append(ByteArrayBuilder out, ByteArrayBuilder event, boolean first) {
        out.write(event.array(), 0, event.size());
    }

    /**
     * Whether {@link #writeEvent} may write straight into the body after
     * {@link #separate}, saving a copy per event: true unless {@link #append} does more
     * than copy the event's bytes after a separator.
     */
    boolean writesInPlace() {
        return true;
    }

    /**
     * Whether a 2xx answer can still fail single events and lists a verdict per event, as an
     * Elasticsearch bulk answer does ({@link BulkResponseScanner}).
     */
    boolean answersPerEvent() {
        return false;
    }

    /** Writes what goes between two events (nothing before the first). */
    void separate(ByteArrayBuilder out, boolean first) {
    }

    /** Bytes {@link #append} adds on top of the event's own, for the size limit. */
    int appendOverhead(int eventSize, boolean first) {
        return 0;
    }

    /**
     * Writes what comes after the last event and returns where the body starts in the
     * array (0 unless the format wrote a header in front, see {@link OtlpProtobufFormat}).
     */
    int close(ByteArrayBuilder out) {
        return 0;
    }

    /** Bytes {@link #close} adds at most, for the size limit. */
    int closeOverhead() {
        return 0;
    }

    /** JSON-based formats that separate events with one byte. */
    abstract static class Separated extends BodyFormat {
        private final int separator;

        Separated(int separator) {
            this.separator = separator;
        }

        @Override
        final void append(ByteArrayBuilder out, ByteArrayBuilder event, boolean first) {
            if (!first) {
                out.write(separator);
            }
            out.write(event.array(), 0, event.size());
        }

        @Override
        final void separate(ByteArrayBuilder out, boolean first) {
            if (!first) {
                out.write(separator);
            }
        }

        @Override
        final int appendOverhead(int eventSize, boolean first) {
            return first ? 0 : 1;
        }
    }

    /**
     * JSON formats whose events, separated by commas, sit inside a fixed opening and
     * closing ({@code [ ... ]}, or an object with the events in an array): the pieces
     * around the events are written once per body.
     */
    abstract static class JsonEnvelope extends Separated {
        private final byte[] head;
        private final byte[] tail;

        JsonEnvelope(byte[] head, String tail) {
            super(',');
            this.head = head;
            this.tail = tail.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        final String contentType() {
            return "application/json";
        }

        @Override
        final void open(ByteArrayBuilder out) {
            out.write(head);
        }

        @Override
        final int close(ByteArrayBuilder out) {
            out.write(tail);
            return 0;
        }

        @Override
        final int closeOverhead() {
            return tail.length;
        }
    }
}
