package io.tailpost.launcher;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats a log record as one line, {@code 2026-12-04T20:11:58.123Z INFO  logger.name - message},
 * followed by the stack trace when a throwable is attached. Levels use the
 * {@link System.Logger.Level} names (ERROR, WARN, INFO, DEBUG, TRACE), padded to five
 * characters so messages line up.
 */
public final class OneLineFormatter extends Formatter {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String NEWLINE = System.lineSeparator();

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160);
        TIMESTAMP.formatTo(record.getInstant(), line);
        line.append(' ').append(levelName(record.getLevel())).append(' ');
        String logger = record.getLoggerName();
        line.append(logger == null || logger.isEmpty() ? "-" : logger);
        line.append(" - ").append(formatMessage(record)).append(NEWLINE);
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            appendThrowable(line, thrown, null, "", Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return line.toString();
    }

    /**
     * The five-character level name for a java.util.logging level.
     *
     * @param level the record's level
     * @return ERROR, WARN, INFO, DEBUG or TRACE, padded with spaces to five characters
     */
    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        } else if (value >= Level.WARNING.intValue()) {
            return "WARN ";
        } else if (value >= Level.INFO.intValue()) {
            return "INFO ";
        } else if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    private static void appendThrowable(StringBuilder out, Throwable thrown, StackTraceElement[] enclosing,
                                        String caption, Set<Throwable> seen) {
        if (!seen.add(thrown)) {
            out.append(caption).append("[circular reference: ").append(thrown).append(']').append(NEWLINE);
            return;
        }
        out.append(caption).append(thrown).append(NEWLINE);
        StackTraceElement[] trace = thrown.getStackTrace();
        int unique = trace.length;
        if (enclosing != null) {
            int e = enclosing.length - 1;
            while (unique > 0 && e >= 0 && trace[unique - 1].equals(enclosing[e])) {
                unique--;
                e--;
            }
        }
        for (int i = 0; i < unique; i++) {
            out.append("\tat ").append(trace[i]).append(NEWLINE);
        }
        if (unique < trace.length) {
            out.append("\t... ").append(trace.length - unique).append(" more").append(NEWLINE);
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            appendThrowable(out, suppressed, trace, "Suppressed: ", seen);
        }
        Throwable cause = thrown.getCause();
        if (cause != null) {
            appendThrowable(out, cause, trace, "Caused by: ", seen);
        }
    }
}
