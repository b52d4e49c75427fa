/**
 * Security providers: services that senders use by name (TLS contexts, request
 * authenticators, payload ciphers/signers, secret resolvers). A sender selects one with
 * a target filter on {@link io.tailpost.sdk.security.SecurityProviders#NAME}.
 */
@Version("1.1.0")
@Export
package io.tailpost.sdk.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
