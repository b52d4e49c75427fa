package io.tailpost.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Calls the YAML validator service that the config-yaml bundle registers: a
 * {@code java.util.function.Function<String, List<String>>} with property
 * {@code tailpost.validator=yaml}, which returns one {@code FILE:LINE:COL: error|warning: message}
 * line per problem. Only java.* types cross the framework boundary.
 */
final class ConfigValidator {

    static final String FILTER =
            "(&(objectClass=" + Function.class.getName() + ")(tailpost.validator=yaml))";
    private static final String ERROR = ": error: ";
    private static final String WARNING = ": warning: ";

    private final BundleContext context;

    ConfigValidator(BundleContext context) {
        this.context = context;
    }

    /**
     * Waits for the validator and validates a file.
     *
     * @param file    absolute path of the file
     * @param timeout how long to wait for the validator service
     * @return the problem lines, empty when the file is valid
     * @throws ValidatorMissingException when no validator appears in time
     * @throws InterruptedException      when interrupted while waiting
     */
    List<String> validate(Path file, Duration timeout) throws ValidatorMissingException, InterruptedException {
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter(FILTER);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("bad validator filter " + FILTER, e);
        }
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, filter, null);
        tracker.open(true);
        try {
            Object service = tracker.waitForService(timeout.toMillis());
            if (service == null) {
                throw new ValidatorMissingException("no YAML validator service " + FILTER + " within "
                        + timeout.toSeconds() + " s; is the tailpost-config-yaml bundle in bundle/ and active?");
            }
            @SuppressWarnings("unchecked")
            Function<String, List<?>> validator = (Function<String, List<?>>) service;
            List<?> result = validator.apply(file.toString());
            List<String> problems = new ArrayList<>();
            if (result != null) {
                for (Object line : result) {
                    problems.add(String.valueOf(line));
                }
            }
            return problems;
        } finally {
            tracker.close();
        }
    }

    /**
     * Whether a problem line is a warning. A line is a warning when its first severity marker
     * is {@code : warning: }; anything else counts as an error, so an unexpected line never
     * lets a broken file pass.
     *
     * @param problem one line returned by the validator
     * @return true for a warning
     */
    static boolean isWarning(String problem) {
        int warning = problem.indexOf(WARNING);
        if (warning < 0) {
            return false;
        }
        int error = problem.indexOf(ERROR);
        return error < 0 || warning < error;
    }

    /** No validator service appeared in time. */
    static final class ValidatorMissingException extends Exception {
        private static final long serialVersionUID = 1L;

        ValidatorMissingException(String message) {
            super(message);
        }
    }
}
