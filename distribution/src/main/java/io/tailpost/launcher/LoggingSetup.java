package io.tailpost.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.logging.LogManager;

/**
 * Sets up java.util.logging, the back end of {@link System.Logger}, for the agent: one handler
 * on stderr with {@link OneLineFormatter}, INFO by default, Apache HttpClient at WARNING.
 * An explicit {@code java.util.logging.config.file} or {@code .class} is left alone; the
 * system property {@code tailpost.log.level} (ERROR, WARN, INFO, DEBUG, TRACE) changes the
 * default level.
 */
final class LoggingSetup {

    /** System property that changes the root level. */
    static final String LEVEL_PROPERTY = "tailpost.log.level";

    private LoggingSetup() {
    }

    /**
     * Configures logging unless the user configured it.
     *
     * @param defaultLevel the root level when {@code tailpost.log.level} is not set
     */
    static void configure(System.Logger.Level defaultLevel) {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        String requested = System.getProperty(LEVEL_PROPERTY);
        String rootLevel = requested == null ? julLevel(defaultLevel) : julLevel(requested);
        String config = String.join("\n",
                "handlers=java.util.logging.ConsoleHandler",
                ".level=" + rootLevel,
                "java.util.logging.ConsoleHandler.level=ALL",
                "java.util.logging.ConsoleHandler.formatter=" + OneLineFormatter.class.getName(),
                "org.apache.hc.level=WARNING",
                "");
        try {
            LogManager.getLogManager().readConfiguration(
                    new ByteArrayInputStream(config.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure java.util.logging", e);
        }
    }

    /**
     * Maps a level name as users write it to a java.util.logging level name.
     *
     * @param name ERROR, WARN(ING), INFO, DEBUG, TRACE, OFF or ALL, any case
     * @return the java.util.logging level name; INFO for an unknown name
     */
    static String julLevel(String name) {
        switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "ERROR":
                return "SEVERE";
            case "WARN":
            case "WARNING":
                return "WARNING";
            case "DEBUG":
                return "FINE";
            case "TRACE":
                return "FINEST";
            case "OFF":
                return "OFF";
            case "ALL":
                return "ALL";
            default:
                return "INFO";
        }
    }

    private static String julLevel(System.Logger.Level level) {
        return julLevel(level.getName());
    }
}
