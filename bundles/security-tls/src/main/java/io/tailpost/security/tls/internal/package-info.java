/** The TLS context provider that senders use by name: trust, client certificate (mTLS) and verification. */
package io.tailpost.security.tls.internal;
