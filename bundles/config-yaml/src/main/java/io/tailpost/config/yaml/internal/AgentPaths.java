package io.tailpost.config.yaml.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The agent's folders from the framework properties: {@code tailpost.home} (default: the
 * working directory) and {@code tailpost.data.dir} (default {@code <home>/data}; a relative
 * value is resolved against the home). Both absolute.
 */
record AgentPaths(Path home, Path dataDir) {
    static final String HOME_PROPERTY = "tailpost.home";
    static final String DATA_DIR_PROPERTY = "tailpost.data.dir";

    /** @param properties looks up a framework property; null when unset */
    static AgentPaths from(UnaryOperator<String> properties) {
        String homeValue = properties.apply(HOME_PROPERTY);
        Path home = (isBlank(homeValue) ? Path.of("") : Path.of(homeValue)).toAbsolutePath().normalize();
        String dataValue = properties.apply(DATA_DIR_PROPERTY);
        Path data = isBlank(dataValue) ? home.resolve("data") : home.resolve(dataValue);
        return new AgentPaths(home, data.toAbsolutePath().normalize());
    }

    /**
     * The variables configuration values may use: the process environment, plus
     * {@code TAILPOST_HOME} (this agent's folder) when the environment lacks it, so a
     * file that names it works however the agent was started.
     */
    Map<String, String> environment(Map<String, String> processEnvironment) {
        if (processEnvironment.containsKey("TAILPOST_HOME")) {
            return processEnvironment;
        }
        Map<String, String> env = new HashMap<>(processEnvironment);
        env.put("TAILPOST_HOME", home.toString());
        return env;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
