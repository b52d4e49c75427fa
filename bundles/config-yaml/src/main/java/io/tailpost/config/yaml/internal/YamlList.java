package io.tailpost.config.yaml.internal;

import java.util.List;

/** A YAML sequence. */
record YamlList(List<YamlNode> items, Mark mark) implements YamlNode {
    YamlList {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
