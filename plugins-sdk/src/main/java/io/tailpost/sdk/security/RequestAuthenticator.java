package io.tailpost.sdk.security;

import java.io.IOException;
import java.net.URI;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Adds credentials to an outgoing request (API key header, basic, bearer, OAuth2 token).
 * Called once per request, on a sender thread; cache tokens rather than fetching per call.
 */
@ConsumerType
public interface RequestAuthenticator {
    /**
     * Decorates the request to {@code uri}.
     *
     * @throws IOException when no credential can be had now (the sender retries later)
     */
    void authenticate(String method, URI uri, HeaderSink headers) throws IOException;
}
