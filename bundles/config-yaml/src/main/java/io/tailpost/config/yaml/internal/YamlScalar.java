package io.tailpost.config.yaml.internal;

/**
 * A YAML scalar: {@code value} is what YAML made of it ({@link String}, {@link Long},
 * {@link Double}, {@link Boolean} or null) and {@code text} the characters as written, so a
 * value can still be read as text ({@code yes}, {@code 0x1F}). An {@code unresolved} scalar
 * could not be read or interpolated; that has been reported and later checks skip it.
 */
record YamlScalar(Object value, String text, Mark mark, boolean unresolved) implements YamlNode {

    static YamlScalar string(String text, Mark mark) {
        return new YamlScalar(text, text, mark, false);
    }

    boolean isNull() {
        return value == null && !unresolved;
    }

    @Override
    public String describe() {
        return value == null ? "no value" : "a value";
    }
}
