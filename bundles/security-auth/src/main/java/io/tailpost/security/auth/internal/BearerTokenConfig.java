package io.tailpost.security.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of a {@code bearer} security provider. */
@ObjectClassDefinition(id = BearerTokenAuthenticator.PID, name = "TailPost bearer token authenticator",
        description = "Sends a fixed token as Authorization: Bearer with every request.")
public @interface BearerTokenConfig {
    /** The token. */
    @AttributeDefinition(name = "Token", type = AttributeType.PASSWORD,
            description = "The bearer token (required; use ${VAR} in YAML). Never logged.")
    String _token();
}
