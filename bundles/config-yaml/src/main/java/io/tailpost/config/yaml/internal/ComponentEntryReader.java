package io.tailpost.config.yaml.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import io.tailpost.sdk.PluginKind;

/**
 * Reads one entry of a pipeline's {@code readers}, {@code processors} or {@code senders}:
 * {@code type} (required), {@code id} (optional), {@code batch} and {@code retry} for
 * senders, and the plugin's own keys, checked against its metatype when it is installed.
 */
final class ComponentEntryReader {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    static final String NAME_RULE = "letters, digits, '_', '.' and '-'";

    private final SettingValues values;
    private final PluginPropertyMapper pluginProperties;
    private final DeliverySettingsReader delivery;
    private final BiFunction<PluginKind, String, PluginSchema> schemas;

    ComponentEntryReader(SettingValues values, BiFunction<PluginKind, String, PluginSchema> schemas) {
        this.values = values;
        this.pluginProperties = new PluginPropertyMapper(values.problems());
        this.delivery = new DeliverySettingsReader(values);
        this.schemas = schemas;
    }

    /**
     * Reads the entry; null when it cannot be used (the problems are recorded).
     *
     * @param owner the pipeline the entry belongs to, or for a security provider its name
     */
    ComponentEntry read(PluginKind kind, String owner, YamlNode node, String path) {
        Problems problems = values.problems();
        if (!(node instanceof YamlMap map)) {
            if (!SettingValues.isUnresolved(node)) {
                problems.error(node.mark(), KeyPath.at(path, "expected a mapping with at least 'type', got "
                        + node.describe()));
            }
            return null;
        }
        YamlEntry typeEntry = map.entry("type");
        if (typeEntry == null) {
            problems.error(map.mark(), KeyPath.at(path, "missing required key 'type' (the " + kind.label()
                    + " plugin type, e.g. 'type: file')"));
            return null;
        }
        String type = name(typeEntry, KeyPath.child(path, "type"));
        YamlEntry idEntry = map.entry("id");
        String id = idEntry == null ? null : name(idEntry, KeyPath.child(path, "id"));
        if (type == null) {
            return null;
        }
        PluginSchema schema = schemas.apply(kind, type);
        if (schema instanceof PluginSchema.NotInstalled) {
            String waiting = kind == PluginKind.SECURITY
                    ? "components that use provider '" + owner + "' will wait for it"
                    : "pipeline '" + owner + "' will wait for it";
            problems.warning(typeEntry.value().mark(), KeyPath.at(KeyPath.child(path, "type"), kind.label() + " type '"
                    + type + "' is not installed: " + waiting));
        }
        Map<String, Object> properties = new TreeMap<>();
        List<YamlEntry> pluginKeys = new ArrayList<>();
        boolean sender = kind == PluginKind.SENDER;
        for (YamlEntry e : map.entries()) {
            if (e.key().equals("type") || e.key().equals("id")) {
                continue;
            }
            if (sender && DeliverySettingsReader.KEYS.contains(e.key())) {
                delivery.read(e, KeyPath.child(path, e.key()), properties);
            } else {
                pluginKeys.add(e);
            }
        }
        var subject = new PluginPropertyMapper.Subject(kind.label(), type, path, map.mark(),
                sender ? DeliverySettingsReader.KEYS : List.of());
        pluginProperties.map(pluginKeys, schema, subject, properties);
        Mark idMark = idEntry == null ? map.mark() : idEntry.value().mark();
        return new ComponentEntry(kind, type, id, idMark, map.mark(), path, properties);
    }

    private String name(YamlEntry entry, String path) {
        String text = values.text(entry, path);
        if (text != null && !NAME.matcher(text).matches()) {
            values.problems().error(entry.value().mark(), KeyPath.at(path, "'" + text + "' may only contain "
                    + NAME_RULE));
            return null;
        }
        return text;
    }
}
