package io.tailpost.config.yaml.internal;

import java.util.Locale;

/**
 * Converts a YAML scalar to the Java type of a metatype attribute. Text is accepted where
 * it parses ({@code "8080"} for an integer), because interpolated values are always text.
 */
final class ScalarConverter {
    private ScalarConverter() {
    }

    /**
     * The value of {@code scalar} as {@code type}.
     *
     * @throws IllegalArgumentException with a message such as "expected an integer, got 'abc'"
     */
    static Object convert(YamlScalar scalar, AttributeType type) {
        Object value = scalar.value();
        return switch (type) {
            case STRING, PASSWORD -> scalar.text();
            case LONG -> integer(scalar, Long.MIN_VALUE, Long.MAX_VALUE, type);
            case INTEGER -> (int) integer(scalar, Integer.MIN_VALUE, Integer.MAX_VALUE, type);
            case SHORT -> (short) integer(scalar, Short.MIN_VALUE, Short.MAX_VALUE, type);
            case BYTE -> (byte) integer(scalar, Byte.MIN_VALUE, Byte.MAX_VALUE, type);
            case DOUBLE -> decimal(scalar, type);
            case FLOAT -> (float) decimal(scalar, type);
            case BOOLEAN -> bool(scalar, type);
            case CHARACTER -> {
                if (value == null || scalar.text().length() != 1) {
                    throw mismatch(scalar, type);
                }
                yield scalar.text().charAt(0);
            }
        };
    }

    /** The value as YAML typed it, for plugins whose metatype is unknown. */
    static Object raw(YamlScalar scalar) {
        return scalar.value() instanceof String || scalar.value() == null ? scalar.text() : scalar.value();
    }

    private static long integer(YamlScalar scalar, long min, long max, AttributeType type) {
        long n;
        if (scalar.value() instanceof Long l) {
            n = l;
        } else if (scalar.value() instanceof String s) {
            try {
                n = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw mismatch(scalar, type);
            }
        } else {
            throw mismatch(scalar, type);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("expected an integer between " + min + " and " + max
                    + ", got '" + scalar.text() + "'");
        }
        return n;
    }

    private static double decimal(YamlScalar scalar, AttributeType type) {
        if (scalar.value() instanceof Long l) {
            return l;
        }
        if (scalar.value() instanceof Double d) {
            return d;
        }
        if (scalar.value() instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw mismatch(scalar, type);
            }
        }
        throw mismatch(scalar, type);
    }

    private static boolean bool(YamlScalar scalar, AttributeType type) {
        if (scalar.value() instanceof Boolean b) {
            return b;
        }
        if (scalar.value() instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true":
                    return true;
                case "false":
                    return false;
                default:
                    break;
            }
        }
        throw mismatch(scalar, type);
    }

    private static IllegalArgumentException mismatch(YamlScalar scalar, AttributeType type) {
        return new IllegalArgumentException("expected " + type.expected() + ", got '" + scalar.text() + "'");
    }
}
