package io.tailpost.sdk;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One log record as it travels through a pipeline.
 *
 * <p>The raw message is kept as a slice of a byte array so that a reader can hand over
 * a region of its read buffer without copying, and the text is decoded (UTF-8) only
 * when something asks for {@link #message()}. Structured fields (from a parser) and
 * metadata (where the event came from) are created on first use.
 *
 * <p>Ownership: a reader passes the event, and the byte array behind its message, to
 * the core when it emits it, and must not change either afterwards. Events are not
 * thread-safe; the core hands each batch to one stage at a time.
 */
public final class LogEvent {
    private long timeUnixNanos;
    private byte[] data;
    private int offset;
    private int length;
    private String text;
    private String source;
    private Map<String, Object> fields;
    private Map<String, String> metadata;
    private Object checkpoint;

    private LogEvent() {
    }

    /**
     * An event whose message is {@code length} bytes of {@code data} from
     * {@code offset}, UTF-8. The array is referenced, not copied.
     */
    public static LogEvent ofBytes(byte[] data, int offset, int length, long timeUnixNanos) {
        LogEvent e = new LogEvent();
        e.setMessage(data, offset, length);
        e.timeUnixNanos = timeUnixNanos;
        return e;
    }

    /** An event with a text message, stamped now. */
    public static LogEvent ofMessage(String message) {
        LogEvent e = new LogEvent();
        e.setMessage(message);
        e.timeUnixNanos = nowUnixNanos();
        return e;
    }

    /** An event with no message (fields only), stamped now. */
    public static LogEvent empty() {
        LogEvent e = new LogEvent();
        e.timeUnixNanos = nowUnixNanos();
        return e;
    }

    /** The current wall-clock time in nanoseconds since the Unix epoch (microsecond precision). */
    public static long nowUnixNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** When the event happened (or was read), in nanoseconds since the Unix epoch. */
    public long timeUnixNanos() {
        return timeUnixNanos;
    }

    public void setTimeUnixNanos(long timeUnixNanos) {
        this.timeUnixNanos = timeUnixNanos;
    }

    /** Whether the event has a message (it may have been removed by a parser). */
    public boolean hasMessage() {
        return data != null || text != null;
    }

    /** The array that holds the message bytes; read {@link #messageLength()} bytes from {@link #messageOffset()}. */
    public byte[] messageArray() {
        ensureBytes();
        return data;
    }

    public int messageOffset() {
        ensureBytes();
        return offset;
    }

    /** The message length in bytes (UTF-8); 0 when there is no message. */
    public int messageLength() {
        ensureBytes();
        return length;
    }

    /** The message as text, decoded once and cached; {@code null} when there is none. */
    public String message() {
        if (text == null && data != null) {
            text = new String(data, offset, length, StandardCharsets.UTF_8);
        }
        return text;
    }

    /** Replaces the message with a slice of bytes (referenced, not copied). */
    public void setMessage(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + data.length + " bytes");
        }
        this.data = data;
        this.offset = offset;
        this.length = length;
        this.text = null;
    }

    /** Replaces the message with text; bytes are encoded on demand. */
    public void setMessage(String message) {
        this.text = message;
        this.data = null;
        this.offset = 0;
        this.length = 0;
    }

    /** Removes the message, e.g. after a parser moved its content into fields. */
    public void clearMessage() {
        this.text = null;
        this.data = null;
        this.offset = 0;
        this.length = 0;
    }

    private void ensureBytes() {
        if (data == null && text != null) {
            data = text.getBytes(StandardCharsets.UTF_8);
            offset = 0;
            length = data.length;
        }
    }

    /** Where the event came from (a file path, a unit name); usually shared by many events. */
    public String source() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    /** Whether any structured field is set, without creating the map. */
    public boolean hasFields() {
        return fields != null && !fields.isEmpty();
    }

    /**
     * Structured fields, created on first call, in insertion order. Values are JSON-like:
     * {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code null},
     * {@code java.util.List} and {@code java.util.Map} of those.
     */
    public Map<String, Object> fields() {
        if (fields == null) {
            fields = new LinkedHashMap<>();
        }
        return fields;
    }

    /**
     * Replaces the structured fields with {@code fields}, kept as given (not copied); for
     * example the {@link io.tailpost.sdk.json.JsonFields} of a parsed JSON message, which
     * stay bytes until read. {@code null} removes them.
     */
    public void setFields(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** Whether any metadata entry is set, without creating the map. */
    public boolean hasMetadata() {
        return metadata != null && !metadata.isEmpty();
    }

    /** Metadata about the event (not part of the record itself), created on first call. */
    public Map<String, String> metadata() {
        if (metadata == null) {
            metadata = new LinkedHashMap<>();
        }
        return metadata;
    }

    /**
     * The reader's opaque checkpoint token for this event (for example a file identity
     * and offset), or {@code null}. The core never interprets it.
     */
    public Object checkpoint() {
        return checkpoint;
    }

    public void setCheckpoint(Object checkpoint) {
        this.checkpoint = checkpoint;
    }

    /**
     * A cheap estimate of the event's encoded size in bytes, used for byte-based
     * batching and queue limits: the message length plus a fixed cost per field.
     */
    public int estimatedSize() {
        int size = 48 + (data != null ? length : text != null ? text.length() : 0);
        if (fields != null) {
            size += 32 * fields.size();
        }
        return size;
    }

    @Override
    public String toString() {
        return "LogEvent[" + (hasMessage() ? message() : "") + (hasFields() ? " " + fields : "") + "]";
    }
}
