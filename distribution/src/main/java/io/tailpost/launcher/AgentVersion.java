package io.tailpost.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The agent's version, written into a resource by the build. */
final class AgentVersion {

    private static final String RESOURCE = "tailpost-version.properties";

    private AgentVersion() {
    }

    /**
     * Reads the version.
     *
     * @return the version, e.g. {@code 0.1.0}
     */
    static String get() {
        try (InputStream in = AgentVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the launcher jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
    }
}
