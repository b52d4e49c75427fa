package io.tailpost.config.yaml.internal;

import java.util.List;

/** A YAML mapping whose keys are unique and in file order. */
record YamlMap(List<YamlEntry> entries, Mark mark) implements YamlNode {
    YamlMap {
        entries = List.copyOf(entries);
    }

    /** The entry of {@code key}, or null. */
    YamlEntry entry(String key) {
        for (YamlEntry e : entries) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }

    @Override
    public String describe() {
        return "a mapping";
    }
}
