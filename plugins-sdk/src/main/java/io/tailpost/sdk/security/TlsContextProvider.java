package io.tailpost.sdk.security;

import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;

import org.osgi.annotation.versioning.ConsumerType;

/** Supplies the TLS settings a sender uses for its connections (trust, client keys, protocols). */
@ConsumerType
public interface TlsContextProvider {
    /** The context to create client connections from; may be rebuilt when certificates change. */
    SSLContext sslContext() throws GeneralSecurityException;

    /** The protocols to enable, or {@code null} for the JDK's defaults. */
    default String[] protocols() {
        return null;
    }

    /**
     * Whether the server's host name is checked against its certificate. On by default;
     * a provider that turns it off must log a warning whenever it is activated.
     */
    default boolean verifyHostname() {
        return true;
    }
}
