package io.tailpost.config.yaml.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tailpost.sdk.PluginKind;
import io.tailpost.sdk.Plugins;
import io.tailpost.sdk.security.SecurityProviders;

/**
 * Checks the interpolated YAML tree against the configuration rules and, while doing so,
 * builds the configurations it asks for. Every problem is recorded; the caller decides from
 * {@link Problems#hasErrors()} whether the result may be applied.
 */
final class ConfigValidator {
    private static final List<String> TOP_LEVEL_KEYS = List.of("data_dir", "security", "pipelines");
    /** Component keys that name a provider of the {@code security:} section. */
    static final List<String> SECURITY_REFERENCES = List.of("tls", "auth", "cipher");
    private static final List<String> PIPELINE_KEYS = List.of("readers", "processors", "senders", "buffer");
    private static final Map<PluginKind, String> SECTIONS = new EnumMap<>(Map.of(
            PluginKind.READER, "readers", PluginKind.PROCESSOR, "processors", PluginKind.SENDER, "senders"));

    private final PluginCatalog catalog;
    private final Path home;
    private final Path defaultDataDir;

    /**
     * @param home the agent's folder; a relative {@code data_dir} is resolved against it
     * @param defaultDataDir the data directory when the file sets none (absolute)
     */
    ConfigValidator(PluginCatalog catalog, Path home, Path defaultDataDir) {
        this.catalog = catalog;
        this.home = home;
        this.defaultDataDir = defaultDataDir;
    }

    /** Validates {@code root}, recording problems, and returns what it asks for. */
    DesiredState validate(YamlNode root, Problems problems) {
        return new Validation(problems).run(root);
    }

    /** The state of one validation run. */
    private final class Validation {
        private final Problems problems;
        private final SettingValues values;
        private final ComponentEntryReader entries;
        private final Map<String, ComponentEntry> ids = new HashMap<>();
        private final Map<String, PluginSchema> schemas = new HashMap<>();
        private final List<DesiredConfiguration> components = new ArrayList<>();
        private final List<DesiredConfiguration> pipelineConfigs = new ArrayList<>();
        private final List<String> pipelineNames = new ArrayList<>();
        private final Map<String, String> securityProviders = new LinkedHashMap<>();

        Validation(Problems problems) {
            this.problems = problems;
            this.values = new SettingValues(problems);
            this.entries = new ComponentEntryReader(values, this::schema);
        }

        private PluginSchema schema(PluginKind kind, String type) {
            return schemas.computeIfAbsent(kind.factoryPid(type), pid -> catalog.lookup(kind, type));
        }

        DesiredState run(YamlNode root) {
            if (!(root instanceof YamlMap map)) {
                problems.error(root.mark(), "expected a mapping with the key 'pipelines' at the top of the file, got "
                        + root.describe());
                return DesiredState.EMPTY;
            }
            values.rejectUnknownKeys(map, TOP_LEVEL_KEYS, "", "at the top level");
            Path dataDir = dataDir(map.entry("data_dir"));
            security(map.entry("security"));
            YamlEntry pipelines = map.entry("pipelines");
            if (pipelines == null) {
                problems.error(Mark.START,
                        "missing required key 'pipelines' (a mapping of pipeline names to pipelines)");
                return DesiredState.EMPTY;
            }
            YamlMap pipelineMap = values.map(pipelines, "pipelines");
            if (pipelineMap == null) {
                return DesiredState.EMPTY;
            }
            if (pipelineMap.entries().isEmpty()) {
                problems.error(pipelines.keyMark(), "pipelines: no pipeline is defined; define at least one");
            }
            for (YamlEntry pipeline : pipelineMap.entries()) {
                pipeline(pipeline, dataDir);
            }
            List<DesiredConfiguration> all = new ArrayList<>(components);
            all.addAll(pipelineConfigs);
            return new DesiredState(all, pipelineNames);
        }

        private Path dataDir(YamlEntry entry) {
            if (entry == null) {
                return defaultDataDir;
            }
            String text = values.text(entry, "data_dir");
            if (text == null) {
                return defaultDataDir;
            }
            try {
                return home.resolve(text).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                problems.error(entry.value().mark(), "data_dir: '" + text + "' is not a valid path: " + e.getReason());
                return defaultDataDir;
            }
        }

        private void pipeline(YamlEntry pipeline, Path dataDir) {
            String name = pipeline.key();
            String path = KeyPath.child("pipelines", name);
            if (!ComponentEntryReader.NAME.matcher(name).matches()) {
                problems.error(pipeline.keyMark(), KeyPath.at(path, "pipeline name '" + name + "' may only contain "
                        + ComponentEntryReader.NAME_RULE));
            }
            YamlMap map = values.map(pipeline, path);
            if (map == null) {
                return;
            }
            values.rejectUnknownKeys(map, PIPELINE_KEYS, path, "in pipeline '" + name + "'");
            Map<PluginKind, List<ComponentEntry>> parts = new EnumMap<>(PluginKind.class);
            for (PluginKind kind : SECTIONS.keySet()) {
                parts.put(kind, section(name, pipeline, map, kind, path));
            }
            BufferSettings buffer = BufferSettings.read(map.entry("buffer"), KeyPath.child(path, "buffer"), values);

            Map<String, Integer> perType = new HashMap<>();
            Map<PluginKind, List<String[]>> idsAndTypes = new EnumMap<>(PluginKind.class);
            for (PluginKind kind : SECTIONS.keySet()) {
                List<String[]> named = new ArrayList<>();
                for (ComponentEntry entry : parts.get(kind)) {
                    int n = perType.merge(entry.type(), 1, Integer::sum);
                    String id = settleId(entry, name, n);
                    named.add(new String[] {id, entry.type()});
                    components.add(component(entry, name, id));
                }
                idsAndTypes.put(kind, named);
            }
            pipelineNames.add(name);
            pipelineConfigs.add(pipelineConfig(name, idsAndTypes, buffer, dataDir));
        }

        private List<ComponentEntry> section(String pipelineName, YamlEntry pipeline, YamlMap map, PluginKind kind,
                String pipelinePath) {
            String key = SECTIONS.get(kind);
            String path = KeyPath.child(pipelinePath, key);
            boolean required = kind != PluginKind.PROCESSOR;
            YamlEntry entry = map.entry(key);
            if (entry == null || (entry.value() instanceof YamlScalar s && s.isNull())) {
                if (required) {
                    Mark at = entry == null ? pipeline.keyMark() : entry.keyMark();
                    problems.error(at, KeyPath.at(entry == null ? pipelinePath : path, "pipeline '" + pipelineName
                            + "' needs '" + key + "': a list of at least one " + kind.label()));
                }
                return List.of();
            }
            if (!(entry.value() instanceof YamlList list)) {
                if (!SettingValues.isUnresolved(entry.value())) {
                    problems.error(entry.value().mark(), KeyPath.at(path, "expected a list of " + kind.label()
                            + " entries, got " + entry.value().describe()));
                }
                return List.of();
            }
            if (list.items().isEmpty() && required) {
                problems.error(entry.value().mark(), KeyPath.at(path, "must list at least one " + kind.label()));
            }
            List<ComponentEntry> result = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                ComponentEntry c = entries.read(kind, pipelineName, list.items().get(i), KeyPath.index(path, i));
                if (c != null) {
                    result.add(c);
                }
            }
            return result;
        }

        private String settleId(ComponentEntry entry, String pipeline, int n) {
            boolean explicit = entry.explicitId() != null;
            String id = explicit ? entry.explicitId() : pipeline + "-" + entry.type() + "-" + n;
            ComponentEntry earlier = ids.putIfAbsent(id, entry);
            if (earlier != null) {
                String where = earlier.path() + " (line " + earlier.mark().line() + ")";
                String path = explicit ? KeyPath.child(entry.path(), "id") : entry.path();
                problems.error(entry.idMark(), KeyPath.at(path, explicit
                        ? "duplicate id '" + id + "': already used by " + where
                        : "the default id '" + id + "' is already used by " + where + "; give this entry an id"));
            }
            return id;
        }

        /**
         * The {@code security:} section: provider name to an entry with {@code type} and the
         * provider's keys. Each becomes a factory configuration {@code tailpost.security.<type>}
         * whose service carries {@code tailpost.security.name}.
         */
        private void security(YamlEntry section) {
            if (section == null || (section.value() instanceof YamlScalar s && s.isNull())) {
                return;
            }
            YamlMap map = values.map(section, "security");
            if (map == null) {
                return;
            }
            for (YamlEntry provider : map.entries()) {
                String name = provider.key();
                String path = KeyPath.child("security", name);
                if (!ComponentEntryReader.NAME.matcher(name).matches()) {
                    problems.error(provider.keyMark(), KeyPath.at(path, "security provider name '" + name
                            + "' may only contain " + ComponentEntryReader.NAME_RULE));
                    continue;
                }
                ComponentEntry entry = entries.read(PluginKind.SECURITY, name, provider.value(), path);
                if (entry == null) {
                    continue;
                }
                if (entry.explicitId() != null) {
                    problems.error(entry.idMark(), KeyPath.at(KeyPath.child(path, "id"),
                            "a security provider is named by its key ('" + name + "'); remove 'id'"));
                    continue;
                }
                securityProviders.put(name, entry.type());
                Map<String, Object> properties = new TreeMap<>(entry.properties());
                properties.put(SecurityProviders.NAME, name);
                properties.put(Plugins.ID, name);
                properties.put(Plugins.TYPE, entry.type());
                components.add(new DesiredConfiguration(entry.kind().factoryPid(entry.type()), name, properties));
            }
        }

        /**
         * A component key such as {@code auth: corp-key} names a security provider: the
         * component's DS reference of that name is pointed at it and made mandatory, so the
         * component waits for the provider instead of running without it.
         */
        private void securityReferences(ComponentEntry entry, Map<String, Object> properties) {
            for (String key : SECURITY_REFERENCES) {
                Object value = properties.get(key);
                if (!(value instanceof String name) || name.isEmpty()) {
                    continue;
                }
                if (!securityProviders.containsKey(name)) {
                    problems.error(entry.mark(), KeyPath.at(KeyPath.child(entry.path(), key),
                            "no security provider named '" + name + "'" + (securityProviders.isEmpty()
                                    ? "; define it under 'security:'"
                                    : " (defined: " + String.join(", ", securityProviders.keySet()) + ")")));
                    continue;
                }
                properties.put(key + ".target", "(" + SecurityProviders.NAME + "=" + name + ")");
                properties.put(key + ".cardinality.minimum", 1);
            }
        }

        private DesiredConfiguration component(ComponentEntry entry, String pipeline, String id) {
            Map<String, Object> properties = new TreeMap<>(entry.properties());
            securityReferences(entry, properties);
            properties.put(Plugins.PIPELINE, pipeline);
            properties.put(Plugins.ID, id);
            properties.put(Plugins.TYPE, entry.type());
            return new DesiredConfiguration(entry.kind().factoryPid(entry.type()), id, properties);
        }

        private DesiredConfiguration pipelineConfig(String name, Map<PluginKind, List<String[]>> parts,
                BufferSettings buffer, Path dataDir) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", name);
            String target = "(" + Plugins.PIPELINE + "=" + name + ")";
            for (PluginKind kind : SECTIONS.keySet()) {
                List<String[]> named = parts.get(kind);
                p.put(kind.label() + ".ids", named.stream().map(n -> n[0]).toArray(String[]::new));
                p.put(kind.label() + ".types", named.stream().map(n -> n[1]).toArray(String[]::new));
                p.put(SECTIONS.get(kind) + ".target", target);
            }
            p.put("buffer.type", buffer.type());
            p.put("buffer.max.events", buffer.maxEvents());
            p.put("buffer.max.bytes", buffer.maxBytes());
            if (BufferSettings.DISK.equals(buffer.type())) {
                p.put("buffer.when.full", buffer.whenFull());
                p.put("buffer.fsync", buffer.fsync());
                p.put("buffer.fsync.interval.ms", buffer.fsyncIntervalMillis());
                p.put("buffer.segment.bytes", buffer.segmentBytes());
            }
            p.put("data.dir", dataDir.toString());
            return new DesiredConfiguration(Plugins.PIPELINE_PID, name, p);
        }
    }
}
