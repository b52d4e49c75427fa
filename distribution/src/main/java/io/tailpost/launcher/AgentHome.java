package io.tailpost.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;

/**
 * The agent's folder: {@code bin/}, {@code lib/}, {@code bundle/}, {@code plugins/},
 * {@code conf/} and {@code data/}.
 *
 * @param root absolute, normalised path of the folder
 */
record AgentHome(Path root) {

    /** Environment variable that names the folder; bin/tailpost sets it. */
    static final String HOME_ENV = "TAILPOST_HOME";
    /** System property that names the folder when the environment does not. */
    static final String HOME_PROPERTY = "tailpost.home";
    /** System property that moves the data folder. */
    static final String DATA_DIR_PROPERTY = "tailpost.data.dir";

    AgentHome {
        root = root.toAbsolutePath().normalize();
    }

    /**
     * Finds the agent's folder: {@code TAILPOST_HOME}, else the {@code tailpost.home} system
     * property, else the parent of the {@code lib/} folder holding the launcher jar, else the
     * working directory.
     *
     * @param env the environment
     * @return the agent's folder
     */
    static AgentHome locate(Map<String, String> env) {
        String fromEnv = env.get(HOME_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new AgentHome(Path.of(fromEnv));
        }
        String fromProperty = System.getProperty(HOME_PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return new AgentHome(Path.of(fromProperty));
        }
        CodeSource source = AgentHome.class.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            try {
                Path jar = Path.of(source.getLocation().toURI());
                Path lib = jar.getParent();
                if (Files.isRegularFile(jar) && lib != null && lib.getParent() != null) {
                    return new AgentHome(lib.getParent());
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                System.getLogger(AgentHome.class.getName()).log(System.Logger.Level.DEBUG,
                        "cannot derive the agent folder from " + source.getLocation(), e);
            }
        }
        return new AgentHome(Path.of(""));
    }

    Path bundleDir() {
        return root.resolve("bundle");
    }

    Path pluginsDir() {
        return root.resolve("plugins");
    }

    Path defaultConfig() {
        return root.resolve("conf").resolve("tailpost.yaml");
    }

    /**
     * The data folder: the {@code tailpost.data.dir} system property, else {@code <home>/data}.
     *
     * @return absolute path of the data folder
     */
    Path dataDir() {
        String configured = System.getProperty(DATA_DIR_PROPERTY);
        Path dir = configured == null || configured.isBlank() ? root.resolve("data") : Path.of(configured);
        return dir.toAbsolutePath().normalize();
    }
}
