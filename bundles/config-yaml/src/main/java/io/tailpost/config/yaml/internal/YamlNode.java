package io.tailpost.config.yaml.internal;

/** A node of the small YAML tree the validator works on; every node knows where it starts. */
sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {
    /** Where the value starts in the file. */
    Mark mark();

    /** A short word for messages: "a mapping", "a list", "a value". */
    String describe();
}
