package io.tailpost.sdk.security;

import org.osgi.annotation.versioning.ProviderType;

/** Where a provider writes request headers; implemented by senders. */
@ProviderType
@FunctionalInterface
public interface HeaderSink {
    /** Sets (replaces) a header on the outgoing request. */
    void setHeader(String name, String value);

    /**
     * Whether {@code name} can be a header name: a non-empty HTTP token (RFC 9110), so
     * providers and senders check configured names the same way.
     */
    static boolean isValidName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
