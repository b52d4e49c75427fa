package io.tailpost.sdk;

import java.util.Locale;

/**
 * The kinds of plugin an agent is assembled from. The kind decides the factory PID
 * prefix ({@code tailpost.<kind>.<type>}) and the service interface a plugin provides.
 */
public enum PluginKind {
    /** Produces events; provides {@link io.tailpost.sdk.reader.Reader}. */
    READER,
    /** Changes, drops or adds events; provides {@link io.tailpost.sdk.processor.Processor}. */
    PROCESSOR,
    /** Delivers batches; provides {@link io.tailpost.sdk.sender.Sender}. */
    SENDER,
    /**
     * Serves senders by name: a TLS context, a request authenticator, a payload cipher;
     * provides one of the interfaces of {@link io.tailpost.sdk.security}. Configured in the
     * YAML's {@code security:} section and referenced by name from a sender.
     */
    SECURITY;

    /** The lower-case name used in PIDs, YAML section names (plural) and messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The factory PID of the plugin type {@code type} of this kind. */
    public String factoryPid(String type) {
        return Plugins.PID_PREFIX + label() + "." + type;
    }
}
