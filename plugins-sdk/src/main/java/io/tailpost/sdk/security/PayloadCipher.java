package io.tailpost.sdk.security;

import java.security.GeneralSecurityException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Transforms an encoded request body for end-to-end protection: encrypts and/or signs
 * it, and describes the result in headers (key id, algorithm, signature).
 */
@ConsumerType
public interface PayloadCipher {
    /**
     * Returns the protected form of {@code length} bytes of {@code body} from
     * {@code offset}, writing any headers the receiver needs to {@code headers}.
     */
    byte[] seal(byte[] body, int offset, int length, HeaderSink headers) throws GeneralSecurityException;
}
