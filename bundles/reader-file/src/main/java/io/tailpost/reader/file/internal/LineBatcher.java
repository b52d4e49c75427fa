package io.tailpost.reader.file.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.tailpost.sdk.LogEvent;

/**
 * Turns the lines of one chunk of one file into events, in batches of at most
 * {@code maxLines}, each with the offset to acknowledge for it. Decodes only what needs
 * it: plain ASCII or valid UTF-8 lines stay slices of the splitter's array; other
 * encodings are converted to UTF-8, invalid UTF-8 is replaced and flagged. With a
 * {@link Multiline} rule, lines are joined into events first (the pattern is matched on
 * a byte view for ASCII lines, on decoded text otherwise), and the acknowledged offset
 * stays at the start of a group still being assembled. Reused for every chunk by the
 * reader thread; the lists it hands out belong to the caller.
 */
final class LineBatcher implements LineSplitter.LineSink {
    /** Metadata key set on a line longer than the maximum: value {@link #SPLIT} or {@link #CUT}. */
    static final String TRUNCATED = "truncated";
    static final String SPLIT = "split";
    static final String CUT = "truncated";
    /** Metadata key set on a line whose invalid bytes were replaced by U+FFFD. */
    static final String ENCODING_ERROR = "encoding_error";
    static final String REPLACED = "replaced";
    /** Metadata key set on a multi-line event ended by its line or byte limit. */
    static final String MULTILINE = "multiline";
    static final String LIMIT = "limit";

    private static final int INVALID = 8;
    private static final int LIMITED = 16;

    /** Events to emit together and the offset to acknowledge for them. */
    record Batch(List<LogEvent> events, long endOffset) {
    }

    private final int maxLines;
    private final LineEncoding encoding;
    private final Multiline multiline;
    private final ArrayDeque<Batch> ready = new ArrayDeque<>();
    private List<LogEvent> current;
    private int lastBatchLines;
    private TailedFile file;
    private long timeUnixNanos;
    private long nowNanos;
    private long splitLines;
    private long truncatedLines;
    private long invalidLines;

    LineBatcher(int maxLines) {
        this(maxLines, LineEncoding.UTF_8, null);
    }

    LineBatcher(int maxLines, LineEncoding encoding, Multiline multiline) {
        this.maxLines = maxLines;
        this.encoding = encoding;
        this.multiline = multiline;
    }

    /** Starts collecting the lines of {@code file}, stamped with {@code timeUnixNanos}. */
    void begin(TailedFile file, long timeUnixNanos, long nowNanos) {
        this.file = file;
        this.timeUnixNanos = timeUnixNanos;
        this.nowNanos = nowNanos;
    }

    @Override
    public void line(byte[] array, int offset, int length, int flags) {
        long lineStart = file.nextLineStart();
        file.setNextLineStart(file.splitter().position());
        byte[] a = array;
        int off = offset;
        int len = length;
        int f = flags;
        if ((f & LineSplitter.NON_ASCII) != 0) {
            byte[] converted = convert(array, offset, length);
            if (converted != null) {
                a = converted;
                off = 0;
                len = converted.length;
                if (encoding == LineEncoding.UTF_8) {
                    f |= INVALID;
                }
            }
        }
        countFlags(f);
        if (multiline == null) {
            add(LogEvent.ofBytes(a, off, len, timeUnixNanos), f);
            return;
        }
        Multiline.Group group = file.group();
        CharSequence text = (f & LineSplitter.NON_ASCII) == 0 ? new ByteText(a, off, len) : new String(a, off, len, UTF_8);
        boolean continues = multiline.continues(text);
        if (group.isEmpty()) {
            group.start(lineStart, timeUnixNanos, nowNanos, a, off, len, f);
        } else if (!continues) {
            flushGroup(group, 0);
            group.start(lineStart, timeUnixNanos, nowNanos, a, off, len, f);
        } else if (group.lines() >= multiline.maxLines() || group.length() + 1 + len > multiline.maxBytes()) {
            flushGroup(group, LIMITED);
            group.start(lineStart, timeUnixNanos, nowNanos, a, off, len, f);
        } else {
            group.append(nowNanos, a, off, len, f);
        }
    }

    /** Hands over the multi-line event being assembled for the current file, if any. */
    void flushGroup() {
        if (multiline != null && !file.group().isEmpty()) {
            flushGroup(file.group(), 0);
        }
    }

    private void flushGroup(Multiline.Group group, int extraFlags) {
        int f = group.flags() | extraFlags;
        long time = group.timeUnixNanos();
        byte[] joined = group.take();
        add(LogEvent.ofBytes(joined, 0, joined.length, time), f);
    }

    /** The bytes as UTF-8 when they must change, else {@code null}. */
    private byte[] convert(byte[] array, int offset, int length) {
        switch (encoding) {
            case UTF_8:
                return Utf8.isValid(array, offset, length) ? null
                        : new String(array, offset, length, UTF_8).getBytes(UTF_8);
            case ISO_8859_1:
                return new String(array, offset, length, encoding.charset()).getBytes(UTF_8);
            default:
                String text = new String(array, offset, length, encoding.charset());
                if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                    text = text.substring(1);
                }
                return text.getBytes(UTF_8);
        }
    }

    private void countFlags(int f) {
        if ((f & LineSplitter.SPLIT) != 0) {
            splitLines++;
        }
        if ((f & LineSplitter.TRUNCATED) != 0) {
            truncatedLines++;
        }
        if ((f & INVALID) != 0) {
            invalidLines++;
        }
    }

    private void add(LogEvent event, int flags) {
        event.setSource(file.source());
        if ((flags & (LineSplitter.SPLIT | LineSplitter.TRUNCATED | INVALID | LIMITED)) != 0) {
            if ((flags & LineSplitter.SPLIT) != 0) {
                event.metadata().put(TRUNCATED, SPLIT);
            } else if ((flags & LineSplitter.TRUNCATED) != 0) {
                event.metadata().put(TRUNCATED, CUT);
            }
            if ((flags & INVALID) != 0) {
                event.metadata().put(ENCODING_ERROR, REPLACED);
            }
            if ((flags & LIMITED) != 0) {
                event.metadata().put(MULTILINE, LIMIT);
            }
        }
        if (current == null) {
            // Sized like the last batch (reads of one file tend to be alike), so the list rarely grows.
            current = new ArrayList<>(Math.min(maxLines, lastBatchLines + (lastBatchLines >> 3) + 8));
        }
        current.add(event);
        if (current.size() >= maxLines) {
            closeBatch();
        }
    }

    /** The offset up to which everything read was handed over (not held in a group or partial line). */
    private long committable() {
        return multiline != null && !file.group().isEmpty() ? file.group().startOffset() : file.splitter().position();
    }

    /** Closes the batch in progress, if any. */
    void end() {
        if (current != null) {
            closeBatch();
        }
        file = null;
    }

    private void closeBatch() {
        lastBatchLines = current.size();
        ready.add(new Batch(current, committable()));
        current = null;
    }

    /** The next complete batch, or {@code null}. */
    Batch poll() {
        return ready.poll();
    }

    /** Drops batches not emitted (the reader is stopping). */
    void clear() {
        ready.clear();
        current = null;
    }

    /** Lines split, cut and replaced since the last call, as {@code [split, truncated, invalid]}; resets them. */
    long[] takeCounts() {
        long[] counts = {splitLines, truncatedLines, invalidLines};
        splitLines = 0;
        truncatedLines = 0;
        invalidLines = 0;
        return counts;
    }
}
