package io.tailpost.reader.file.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Logs a problem with a path once, not on every poll, until the path works again
 * ({@link #clear}); then a new failure is logged again. Used by the reader thread only.
 */
final class WarnOnce {
    private final Logger log;
    private final String prefix;
    private final Set<String> warned = new HashSet<>();
    private final Runnable onWarning;
    private final Consumer<String> onChange;
    private String lastMessage;

    /** Messages are logged to {@code log}, each after {@code prefix} and ": ". */
    WarnOnce(Logger log, String prefix) {
        this(log, prefix, () -> { }, problem -> { });
    }

    /**
     * As above; {@code onWarning} runs for each new warning (e.g. to count it), and
     * {@code onChange} gets a summary of the open problems whenever it changes ({@code null}
     * once every path works again), for the reader's status.
     */
    WarnOnce(Logger log, String prefix, Runnable onWarning, Consumer<String> onChange) {
        this.log = log;
        this.prefix = prefix + ": ";
        this.onWarning = onWarning;
        this.onChange = onChange;
    }

    private void report() {
        onChange.accept(warned.isEmpty() ? null
                : lastMessage + (warned.size() > 1 ? " (and " + (warned.size() - 1) + " more problems)" : ""));
    }

    /** Logs {@code message} at WARN unless a warning for {@code path} is already out. */
    void warn(String path, String message) {
        if (warned.add(path)) {
            log.log(Level.WARNING, prefix + message);
            onWarning.run();
            lastMessage = message;
            report();
        } else {
            log.log(Level.DEBUG, prefix + message);
        }
    }

    /** The path works again. */
    void clear(String path) {
        if (!warned.isEmpty() && warned.remove(path)) {
            report();
        }
    }

    boolean isWarned(String path) {
        return warned.contains(path);
    }
}
