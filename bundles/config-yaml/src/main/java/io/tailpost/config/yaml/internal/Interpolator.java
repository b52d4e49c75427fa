package io.tailpost.config.yaml.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in string values with environment
 * variables; {@code $${} stands for a literal {@code ${}. As in a shell, the default also
 * applies when the variable is set but empty. Keys are never interpolated. A variable that
 * is unset and has no default is an error naming the variable and the value's position.
 */
final class Interpolator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> environment;

    /** @param environment the variables to use; System.getenv() in production */
    Interpolator(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A copy of {@code node} with every string value interpolated. */
    YamlNode interpolate(YamlNode node, String path, Problems problems) {
        if (node instanceof YamlMap map) {
            List<YamlEntry> entries = new ArrayList<>(map.entries().size());
            for (YamlEntry e : map.entries()) {
                YamlNode value = interpolate(e.value(), KeyPath.child(path, e.key()), problems);
                entries.add(new YamlEntry(e.key(), e.keyMark(), value));
            }
            return new YamlMap(entries, map.mark());
        }
        if (node instanceof YamlList list) {
            List<YamlNode> items = new ArrayList<>(list.items().size());
            for (int i = 0; i < list.items().size(); i++) {
                items.add(interpolate(list.items().get(i), KeyPath.index(path, i), problems));
            }
            return new YamlList(items, list.mark());
        }
        YamlScalar scalar = (YamlScalar) node;
        if (scalar.unresolved() || !(scalar.value() instanceof String text) || text.indexOf('$') < 0) {
            return scalar;
        }
        return interpolateText(text, scalar.mark(), path, problems);
    }

    private YamlScalar interpolateText(String text, Mark mark, String path, Problems problems) {
        StringBuilder out = new StringBuilder(text.length());
        boolean failed = false;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    problems.error(mark, KeyPath.at(path, "'${' is not closed by '}'; write '$${' for a literal '${'"));
                    return new YamlScalar(null, text, mark, true);
                }
                String value = resolve(text.substring(i + 2, close), mark, path, problems);
                if (value == null) {
                    failed = true;
                } else {
                    out.append(value);
                }
                i = close + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        String result = out.toString();
        return failed ? new YamlScalar(null, text, mark, true) : YamlScalar.string(result, mark);
    }

    private String resolve(String expression, Mark mark, String path, Problems problems) {
        int separator = expression.indexOf(":-");
        String name = separator < 0 ? expression : expression.substring(0, separator);
        String fallback = separator < 0 ? null : expression.substring(separator + 2);
        if (!NAME.matcher(name).matches()) {
            problems.error(mark, KeyPath.at(path, "'${" + expression + "}' does not name an environment variable"
                    + " (use ${NAME} or ${NAME:-default}; write '$${' for a literal '${')"));
            return null;
        }
        String value = environment.get(name);
        if (value == null || (value.isEmpty() && fallback != null)) {
            value = fallback;
        }
        if (value == null) {
            problems.error(mark, KeyPath.at(path, "environment variable '" + name
                    + "' is not set and has no default (write ${" + name + ":-default} to give one)"));
        }
        return value;
    }
}
