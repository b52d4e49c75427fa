package io.tailpost.security.tls.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of a {@code tls} security provider (YAML {@code security: {NAME: {type: tls, ...}}}). */
@ObjectClassDefinition(id = TlsContextService.PID, name = "TailPost TLS provider",
        description = "The TLS settings of the senders that name this provider in 'tls': which servers to trust,"
                + " the client certificate for mutual TLS, and verification.")
public @interface TlsProviderConfig {
    /** CA certificates to trust. */
    @AttributeDefinition(name = "CA file",
            description = "PEM file of the CA certificates that server certificates must chain to. Empty: the"
                    + " Java runtime's default trust store.")
    String ca_file() default "";

    /** Client certificate (mTLS). */
    @AttributeDefinition(name = "Client certificate file",
            description = "PEM file with the client certificate (and its chain) presented for mutual TLS;"
                    + " needs key_file.")
    String cert_file() default "";

    /** Client private key (mTLS). */
    @AttributeDefinition(name = "Client key file",
            description = "PEM file with the client's unencrypted PKCS#8 private key (BEGIN PRIVATE KEY);"
                    + " needs cert_file.")
    String key_file() default "";

    /** Client key store (mTLS), instead of PEM files. */
    @AttributeDefinition(name = "Key store file",
            description = "PKCS#12 (or JKS) key store with the client key and certificate for mutual TLS,"
                    + " instead of cert_file and key_file.")
    String key_store_file() default "";

    /** Password of the key store. */
    @AttributeDefinition(name = "Key store password", type = AttributeType.PASSWORD,
            description = "Password of key_store_file (and of its key). Never logged.")
    String _key_store_password() default "";

    /** Whether the server certificate is verified. */
    @AttributeDefinition(name = "Verify server certificate",
            description = "Check that the server's certificate chains to a trusted CA. Turning it off accepts any"
                    + " server (a warning is logged at every start); for tests only.")
    boolean verify() default true;

    /** Whether the server's host name is checked. */
    @AttributeDefinition(name = "Verify host name",
            description = "Check that the server's certificate names the host connected to. Turning it off logs"
                    + " a warning at every start.")
    boolean verify_hostname() default true;

    /** TLS versions to enable. */
    @AttributeDefinition(name = "Protocols",
            description = "TLS versions to enable, e.g. TLSv1.3, TLSv1.2. Empty: the Java runtime's defaults.")
    String[] protocols() default {};
}
