package io.tailpost.config.yaml.internal;

/** One key of a YAML mapping with the position of the key and its value node. */
record YamlEntry(String key, Mark keyMark, YamlNode value) {
}
