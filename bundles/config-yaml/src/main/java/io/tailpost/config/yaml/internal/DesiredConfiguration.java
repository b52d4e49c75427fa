package io.tailpost.config.yaml.internal;

import java.util.Map;

/** One named factory configuration the YAML file asks for. */
record DesiredConfiguration(String factoryPid, String name, Map<String, Object> properties) {
    DesiredConfiguration {
        properties = Map.copyOf(properties);
    }

    /** The PID ConfigAdmin gives a named factory configuration: {@code factoryPid~name}. */
    String pid() {
        return factoryPid + "~" + name;
    }
}
