package io.tailpost.config.yaml.internal;

import java.util.List;
import java.util.function.ToLongFunction;

import io.tailpost.sdk.config.Units;

/**
 * Reads TailPost's own settings (buffer, batch, retry, names) from YAML entries and reports
 * what is wrong with them at the value's position. Each reader returns null when the value
 * is unusable; the problem is then already recorded.
 */
final class SettingValues {
    private final Problems problems;

    SettingValues(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** Reports every key of {@code map} that is not in {@code allowed}. */
    void rejectUnknownKeys(YamlMap map, List<String> allowed, String path, String where) {
        for (YamlEntry e : map.entries()) {
            if (!allowed.contains(e.key())) {
                problems.error(e.keyMark(), KeyPath.at(KeyPath.child(path, e.key()), "unknown key '" + e.key()
                        + "' " + where + "; expected one of: " + String.join(", ", allowed)));
            }
        }
    }

    /** The value as a mapping; null (and an error) when it is something else. */
    YamlMap map(YamlEntry entry, String path) {
        if (entry.value() instanceof YamlMap map) {
            return map;
        }
        if (!isUnresolved(entry.value())) {
            problems.error(entry.value().mark(),
                    KeyPath.at(path, "expected a mapping, got " + entry.value().describe()));
        }
        return null;
    }

    /** A non-empty text value. */
    String text(YamlEntry entry, String path) {
        YamlScalar scalar = scalar(entry, path, "a string");
        if (scalar == null) {
            return null;
        }
        if (scalar.text().isBlank()) {
            problems.error(scalar.mark(), KeyPath.at(path, "must not be empty"));
            return null;
        }
        return scalar.text();
    }

    /** An integer from 1 to {@link Integer#MAX_VALUE}. */
    Integer positiveInt(YamlEntry entry, String path) {
        YamlScalar scalar = scalar(entry, path, "a positive integer");
        if (scalar == null) {
            return null;
        }
        try {
            int n = (Integer) ScalarConverter.convert(scalar, AttributeType.INTEGER);
            if (n > 0) {
                return n;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the expected range
        }
        problems.error(scalar.mark(), KeyPath.at(path, "expected an integer from 1 to " + Integer.MAX_VALUE
                + ", got '" + scalar.text() + "'"));
        return null;
    }

    /** A positive size such as {@code 64MiB}, in bytes. */
    Long size(YamlEntry entry, String path) {
        return positiveUnits(entry, path, "a size such as 64KiB or 10MB", Units::parseSize, false);
    }

    /** A duration such as {@code 5s}, in milliseconds; zero only when {@code allowZero}. */
    Long durationMillis(YamlEntry entry, String path, boolean allowZero) {
        return positiveUnits(entry, path, "a duration such as 250ms or 5s",
                text -> Units.parseDuration(text).toMillis(), allowZero);
    }

    private Long positiveUnits(YamlEntry entry, String path, String expected, ToLongFunction<String> parser,
            boolean allowZero) {
        YamlScalar scalar = scalar(entry, path, expected);
        if (scalar == null) {
            return null;
        }
        long n;
        try {
            n = parser.applyAsLong(scalar.text());
        } catch (IllegalArgumentException | ArithmeticException e) {
            problems.error(scalar.mark(), KeyPath.at(path, e.getMessage()));
            return null;
        }
        if (n == 0 && !allowZero) {
            problems.error(scalar.mark(), KeyPath.at(path, "must be greater than zero"));
            return null;
        }
        return n;
    }

    /** The value as a scalar with a value; null (and an error unless already reported) otherwise. */
    YamlScalar scalar(YamlEntry entry, String path, String expected) {
        YamlNode node = entry.value();
        if (isUnresolved(node)) {
            return null;
        }
        if (node instanceof YamlScalar scalar && !scalar.isNull()) {
            return scalar;
        }
        problems.error(node.mark(), KeyPath.at(path, "expected " + expected + ", got " + node.describe()));
        return null;
    }

    static boolean isUnresolved(YamlNode node) {
        return node instanceof YamlScalar scalar && scalar.unresolved();
    }
}
