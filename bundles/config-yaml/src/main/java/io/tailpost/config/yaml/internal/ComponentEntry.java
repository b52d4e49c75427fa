package io.tailpost.config.yaml.internal;

import java.util.Map;

import io.tailpost.sdk.PluginKind;

/**
 * One validated component entry of a pipeline, before its id is settled.
 *
 * @param explicitId the {@code id:} given in YAML, or null for the default id
 * @param properties the converted plugin and delivery properties (without tailpost.*)
 */
record ComponentEntry(PluginKind kind, String type, String explicitId, Mark idMark, Mark mark, String path,
        Map<String, Object> properties) {
    ComponentEntry {
        properties = Map.copyOf(properties);
    }
}
