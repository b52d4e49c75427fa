package io.tailpost.sdk.security;

/** Service properties shared by every security provider. */
public final class SecurityProviders {
    /**
     * Service property: the provider's name, as referenced from a sender's configuration
     * (for example {@code auth: corp-oauth} becomes the target filter
     * {@code (tailpost.security.name=corp-oauth)}).
     */
    public static final String NAME = "tailpost.security.name";

    private SecurityProviders() {
    }
}
