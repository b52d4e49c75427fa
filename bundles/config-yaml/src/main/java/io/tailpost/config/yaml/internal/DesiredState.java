package io.tailpost.config.yaml.internal;

import java.util.List;

/**
 * Everything a valid file asks for: the configurations of its components (first) and of
 * its pipelines (after them), and the pipeline names in file order.
 */
record DesiredState(List<DesiredConfiguration> configurations, List<String> pipelines) {
    static final DesiredState EMPTY = new DesiredState(List.of(), List.of());

    DesiredState {
        configurations = List.copyOf(configurations);
        pipelines = List.copyOf(pipelines);
    }
}
