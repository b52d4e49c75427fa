/** Request authenticators (API key header, basic, bearer) that senders use by name. */
package io.tailpost.security.auth.internal;
