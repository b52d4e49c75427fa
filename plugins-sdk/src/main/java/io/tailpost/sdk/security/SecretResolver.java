package io.tailpost.sdk.security;

import java.io.IOException;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Resolves {@code ${secret:<scheme>:<name>}} references in configuration (for example
 * {@code env}, {@code file}, a vault). The resolved value must never be logged.
 */
@ConsumerType
public interface SecretResolver {
    /** The scheme this resolver answers, e.g. {@code file}. */
    String scheme();

    /**
     * The secret called {@code name}, or empty when it does not exist.
     *
     * @throws IOException when the secret store cannot be read
     */
    Optional<String> resolve(String name) throws IOException;
}
