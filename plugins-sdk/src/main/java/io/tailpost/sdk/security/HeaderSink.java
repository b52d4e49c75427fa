package io.tailpost.sdk.security;

import org.osgi.annotation.versioning.ProviderType;

/** Where a provider writes request headers; implemented by senders. */
@ProviderType
@FunctionalInterface
public interface HeaderSink {
    /** Sets (replaces) a header on the outgoing request. */
    void setHeader(String name, String value);
}
