package io.tailpost.reader.file.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How lines are joined into multi-line events: in {@code start} mode a line matching the
 * pattern begins a new event and the others continue it; in {@code continue} mode a line
 * matching the pattern continues the event before it and the others begin one. The
 * presets {@code java} and {@code python} are continue rules for stack traces and
 * tracebacks. An event ends at the next beginning, at {@code maxLines} lines or
 * {@code maxBytes} bytes, or when no line came for the timeout (the reader checks).
 *
 * @param pattern the regular expression, searched anywhere in a line ({@code find})
 * @param startMode whether a match begins an event (else it continues one)
 * @param maxLines most lines per event
 * @param maxBytes most bytes per event (the first line is always taken whole)
 * @param timeoutNanos how long a group waits for a next line
 */
record Multiline(Pattern pattern, boolean startMode, int maxLines, int maxBytes, long timeoutNanos) {

    /** Java stack traces: "at" frames, "... n more", "Caused by:", "Suppressed:" and the exception line. */
    static final String JAVA = "^(\\s+at\\s|\\s+\\.\\.\\.\\s+\\d+\\s+(more|common frames omitted)"
            + "|\\s*(Caused by|Suppressed):"
            + "|[a-zA-Z_$][\\w$]*(\\.[a-zA-Z_$][\\w$]*)+(Exception|Error|Throwable)(:|$))";

    /** Python tracebacks: the header, indented frames, chaining notes, blank lines and the exception line. */
    static final String PYTHON = "^(\\s|$|Traceback \\(most recent call last\\):"
            + "|During handling of the above exception|The above exception was the direct cause"
            + "|[A-Za-z_][\\w.]*(Error|Exception|Warning|Exit|Interrupt|Iteration)(:|$))";

    /**
     * The rule for {@code mode} ({@code none}, {@code start}, {@code continue}, {@code java},
     * {@code python}); {@code null} for none.
     *
     * @throws IllegalArgumentException naming the key for a bad mode or pattern
     */
    static Multiline of(String mode, String pattern, int maxLines, int maxBytes, long timeoutNanos) {
        String m = mode == null ? "none" : mode.trim().toLowerCase(Locale.ROOT);
        String regex;
        boolean start;
        switch (m) {
            case "", "none" -> {
                return null;
            }
            case "start", "continue" -> {
                if (pattern == null || pattern.isBlank()) {
                    throw new IllegalArgumentException("multiline.pattern: required for multiline.mode '" + m + "'");
                }
                regex = pattern;
                start = m.equals("start");
            }
            case "java" -> {
                regex = JAVA;
                start = false;
            }
            case "python" -> {
                regex = PYTHON;
                start = false;
            }
            default -> throw new IllegalArgumentException("multiline.mode: '" + mode
                    + "' is not none, start, continue, java or python");
        }
        try {
            return new Multiline(Pattern.compile(regex), start, maxLines, maxBytes, timeoutNanos);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("multiline.pattern: '" + pattern + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    /** Whether {@code text} continues the event before it. */
    boolean continues(CharSequence text) {
        boolean matches = pattern.matcher(text).find();
        return startMode != matches;
    }

    /** The lines of one event being assembled, for one file; used by the reader thread only. */
    static final class Group {
        private byte[] bytes = new byte[256];
        private int length;
        private int lines;
        private int flags;
        private long startOffset;
        private long timeUnixNanos;
        private long lastLineNanos;

        boolean isEmpty() {
            return lines == 0;
        }

        int lines() {
            return lines;
        }

        int length() {
            return length;
        }

        int flags() {
            return flags;
        }

        /** The file offset where the first line of the group starts. */
        long startOffset() {
            return startOffset;
        }

        long timeUnixNanos() {
            return timeUnixNanos;
        }

        long lastLineNanos() {
            return lastLineNanos;
        }

        void start(long offset, long time, long nowNanos, byte[] a, int off, int len, int lineFlags) {
            length = 0;
            lines = 0;
            flags = 0;
            startOffset = offset;
            timeUnixNanos = time;
            append(nowNanos, a, off, len, lineFlags);
        }

        void append(long nowNanos, byte[] a, int off, int len, int lineFlags) {
            int needed = length + len + (lines > 0 ? 1 : 0);
            if (needed > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(needed, 2 * bytes.length));
            }
            if (lines > 0) {
                bytes[length++] = '\n';
            }
            System.arraycopy(a, off, bytes, length, len);
            length += len;
            lines++;
            flags |= lineFlags;
            lastLineNanos = nowNanos;
        }

        /** The joined lines as a new array; the group is empty afterwards. */
        byte[] take() {
            byte[] out = Arrays.copyOf(bytes, length);
            if (bytes.length > 64 * 1024) {
                bytes = new byte[256];
            }
            length = 0;
            lines = 0;
            flags = 0;
            return out;
        }

        void clear() {
            take();
        }
    }
}
