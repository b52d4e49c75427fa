package io.tailpost.config.yaml.internal;

import java.util.List;

/**
 * The parts of a metatype attribute definition the validator uses.
 *
 * @param id the property name (e.g. {@code max.line.bytes})
 * @param type the value type
 * @param cardinality 0 for a single value, otherwise an array ({@code > 0}) or list
 *        ({@code < 0}) of at most {@code |cardinality|} values
 * @param required true when the key must be given (no default value)
 * @param options the allowed values as text, empty when any value is allowed
 */
record AttributeSpec(String id, AttributeType type, int cardinality, boolean required, List<String> options) {
    AttributeSpec {
        options = List.copyOf(options);
    }

    static AttributeSpec single(String id, AttributeType type, boolean required) {
        return new AttributeSpec(id, type, 0, required, List.of());
    }

    static AttributeSpec multiple(String id, AttributeType type, boolean required) {
        return new AttributeSpec(id, type, Integer.MAX_VALUE, required, List.of());
    }

    /**
     * The key as written in YAML ({@code max.line.bytes} -> {@code max_line_bytes}); a
     * private property ({@code .key}, a secret) is written without its dot.
     */
    String yamlKey() {
        return (id.startsWith(".") ? id.substring(1) : id).replace('.', '_');
    }
}
