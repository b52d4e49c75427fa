package io.tailpost.security.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of an {@code api_key} security provider. */
@ObjectClassDefinition(id = ApiKeyAuthenticator.PID, name = "TailPost API key authenticator",
        description = "Sends a fixed key in a request header, for senders that name this provider in 'auth'.")
public @interface ApiKeyConfig {
    /** The header that carries the key. */
    @AttributeDefinition(name = "Header", description = "The request header that carries the key.")
    String header() default "X-API-Key";

    /** The key. */
    @AttributeDefinition(name = "Key", type = AttributeType.PASSWORD,
            description = "The key sent in the header (required; use ${VAR} in YAML rather than the key itself)."
                    + " Never logged.")
    String _key();
}
