package io.tailpost.config.yaml.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the plugin-specific keys of one component entry into configuration properties:
 * {@code _} becomes {@code .} and nested mappings are flattened with {@code .} (the DS name
 * mapping, so {@code max_line_bytes} reaches the annotation method {@code max_line_bytes()}).
 * With the plugin's metatype at hand, every key must be one of its attributes and is
 * converted to its type; without it, values pass as YAML typed them and lists become
 * String arrays.
 */
final class PluginPropertyMapper {
    private static final List<String> RESERVED_PREFIXES = List.of("tailpost.", "service.", "component.");

    private final Problems problems;

    PluginPropertyMapper(Problems problems) {
        this.problems = problems;
    }

    /** A key after flattening: its YAML spelling, property name, position and value. */
    private record Leaf(String yamlKey, String property, Mark keyMark, YamlNode value, String path) {
    }

    /** What the entry is, for messages: e.g. kind "reader", type "file". */
    record Subject(String kind, String type, String path, Mark mark, List<String> commonKeys) {
        String describe() {
            return kind + " type '" + type + "'";
        }
    }

    /** Maps {@code entries} and adds the results to {@code properties}. */
    void map(List<YamlEntry> entries, PluginSchema schema, Subject subject, Map<String, Object> properties) {
        List<Leaf> leaves = new ArrayList<>();
        for (YamlEntry e : entries) {
            flatten(e, "", "", subject.path(), leaves);
        }
        Map<String, Leaf> byProperty = new HashMap<>();
        for (Leaf yamlLeaf : leaves) {
            Leaf leaf = privateIfDeclared(yamlLeaf, schema);
            Leaf earlier = byProperty.putIfAbsent(leaf.property(), leaf);
            if (earlier != null) {
                problems.error(leaf.keyMark(), KeyPath.at(leaf.path(), "'" + leaf.yamlKey()
                        + "' sets the same property as '" + earlier.yamlKey() + "' (line " + earlier.keyMark().line()
                        + ")"));
                continue;
            }
            if (isReserved(leaf.property())) {
                problems.error(leaf.keyMark(), KeyPath.at(leaf.path(), "key '" + leaf.yamlKey()
                        + "' is reserved: it would set '" + leaf.property() + "', which TailPost or the framework sets"));
                continue;
            }
            Object value = schema instanceof PluginSchema.Described described
                    ? typed(leaf, described, subject)
                    : untyped(leaf);
            if (value != null) {
                properties.put(leaf.property(), value);
            }
        }
        if (schema instanceof PluginSchema.Described described) {
            for (AttributeSpec a : described.attributes()) {
                if (a.required() && !byProperty.containsKey(a.id())) {
                    problems.error(subject.mark(), KeyPath.at(subject.path(), "missing required key '" + a.yamlKey()
                            + "' for " + subject.describe()));
                }
            }
        }
    }

    private void flatten(YamlEntry entry, String yamlPrefix, String propertyPrefix, String parentPath, List<Leaf> out) {
        String yamlKey = yamlPrefix + entry.key();
        String property = propertyPrefix + entry.key().replace('_', '.');
        String path = KeyPath.child(parentPath, entry.key());
        if (entry.value() instanceof YamlMap map) {
            for (YamlEntry child : map.entries()) {
                flatten(child, yamlKey + ".", property + ".", path, out);
            }
        } else {
            out.add(new Leaf(yamlKey, property, entry.keyMark(), entry.value(), path));
        }
    }

    /**
     * A plugin declares a secret (key, password, token) as a private property, whose name
     * starts with a dot (annotation method {@code _key()}): DS gives it to the component
     * but does not publish it on the service, where anyone could read it. The YAML key is
     * written without the dot.
     */
    private static Leaf privateIfDeclared(Leaf leaf, PluginSchema schema) {
        if (schema instanceof PluginSchema.Described d && d.attribute(leaf.property()) == null
                && d.attribute("." + leaf.property()) != null) {
            return new Leaf(leaf.yamlKey(), "." + leaf.property(), leaf.keyMark(), leaf.value(), leaf.path());
        }
        return leaf;
    }

    private static boolean isReserved(String property) {
        return RESERVED_PREFIXES.stream().anyMatch(property::startsWith);
    }

    private Object typed(Leaf leaf, PluginSchema.Described schema, Subject subject) {
        AttributeSpec attribute = schema.attribute(leaf.property());
        if (attribute == null) {
            reportUnknown(leaf, schema, subject);
            return null;
        }
        boolean many = attribute.cardinality() != 0;
        List<YamlScalar> scalars = scalars(leaf, many);
        if (scalars == null) {
            return null;
        }
        int limit = attribute.cardinality() == Integer.MIN_VALUE
                ? Integer.MAX_VALUE
                : Math.abs(attribute.cardinality());
        if (many && scalars.size() > limit) {
            problems.error(leaf.value().mark(), KeyPath.at(leaf.path(),
                    "at most " + limit + " values are allowed, got " + scalars.size()));
            return null;
        }
        List<Object> converted = convertAll(scalars, attribute, leaf.path());
        if (converted == null) {
            return null;
        }
        if (!many) {
            return converted.get(0);
        }
        if (attribute.cardinality() < 0) {
            return List.copyOf(converted);
        }
        Object array = Array.newInstance(attribute.type().javaType(), converted.size());
        for (int i = 0; i < converted.size(); i++) {
            Array.set(array, i, converted.get(i));
        }
        return array;
    }

    private void reportUnknown(Leaf leaf, PluginSchema.Described schema, Subject subject) {
        List<String> expected = new ArrayList<>();
        schema.attributes().forEach(a -> expected.add(a.yamlKey()));
        expected.addAll(subject.commonKeys());
        expected.sort(null);
        String accepted = expected.isEmpty()
                ? "; it accepts no keys"
                : "; expected one of: " + String.join(", ", expected);
        problems.error(leaf.keyMark(), KeyPath.at(leaf.path(),
                "unknown key '" + leaf.yamlKey() + "' for " + subject.describe() + accepted));
    }

    /** The converted values, or null when any does not fit (each misfit is reported). */
    private List<Object> convertAll(List<YamlScalar> scalars, AttributeSpec attribute, String path) {
        List<Object> converted = new ArrayList<>(scalars.size());
        boolean ok = true;
        for (YamlScalar s : scalars) {
            try {
                Object v = ScalarConverter.convert(s, attribute.type());
                if (!attribute.options().isEmpty() && !attribute.options().contains(String.valueOf(v))) {
                    problems.error(s.mark(), KeyPath.at(path, "'" + s.text() + "' is not allowed; expected one of: "
                            + String.join(", ", attribute.options())));
                    ok = false;
                }
                converted.add(v);
            } catch (IllegalArgumentException e) {
                problems.error(s.mark(), KeyPath.at(path, e.getMessage()));
                ok = false;
            }
        }
        return ok ? converted : null;
    }

    private Object untyped(Leaf leaf) {
        boolean isList = leaf.value() instanceof YamlList;
        List<YamlScalar> scalars = scalars(leaf, isList);
        if (scalars == null) {
            return null;
        }
        if (!isList) {
            return ScalarConverter.raw(scalars.get(0));
        }
        String[] texts = new String[scalars.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = scalars.get(i).text();
        }
        return texts;
    }

    /**
     * The scalars of the leaf: the scalar itself, or the items of a list when {@code many}.
     * Null when something is wrong (reported, unless an earlier problem explains it).
     */
    private List<YamlScalar> scalars(Leaf leaf, boolean many) {
        YamlNode node = leaf.value();
        if (node instanceof YamlScalar scalar) {
            if (scalar.unresolved()) {
                return null;
            }
            if (scalar.isNull()) {
                problems.error(scalar.mark(),
                        KeyPath.at(leaf.path(), "no value given; give a value or remove the key"));
                return null;
            }
            return List.of(scalar);
        }
        if (!many) {
            problems.error(node.mark(), KeyPath.at(leaf.path(), "expected a single value, got a list"));
            return null;
        }
        List<YamlScalar> out = new ArrayList<>();
        List<YamlNode> items = ((YamlList) node).items();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            if (item instanceof YamlScalar s && !s.isNull()) {
                ok &= !s.unresolved();
                out.add(s);
            } else {
                problems.error(item.mark(), KeyPath.at(KeyPath.index(leaf.path(), i),
                        "list items must be single values, got " + item.describe()));
                ok = false;
            }
        }
        return ok ? out : null;
    }
}
