package io.tailpost.security.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of a {@code basic} security provider. */
@ObjectClassDefinition(id = BasicAuthenticator.PID, name = "TailPost basic authenticator",
        description = "Sends HTTP basic credentials (Authorization: Basic) with every request.")
public @interface BasicAuthConfig {
    /** The user name. */
    @AttributeDefinition(name = "Username", description = "The user name (required; must not contain ':').")
    String username();

    /** The password. */
    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "The password (use ${VAR} in YAML). Never logged.")
    String _password() default "";
}
