package io.tailpost.security.auth.internal;

import java.util.Map;

import io.tailpost.sdk.Plugins;
import io.tailpost.sdk.security.SecurityProviders;

/** Checks shared by the authenticators: names for messages, header names and values. */
final class Credentials {
    private Credentials() {
    }

    /** The provider's name as referenced from senders, for log lines and messages. */
    static String providerName(Map<String, Object> properties) {
        Object name = properties.get(SecurityProviders.NAME);
        if (name == null) {
            name = properties.get(Plugins.ID);
        }
        return name != null ? name.toString() : String.valueOf(properties.get("component.id"));
    }

    /**
     * Reads a required attribute: SCR answers {@code null} for a key without value and
     * default, other annotation proxies (the OSGi converter's) throw. Both mean missing.
     */
    static String read(java.util.function.Supplier<String> attribute) {
        try {
            String v = attribute.get();
            return v == null ? "" : v;
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Whether {@code value} can travel in a header: printable, no line breaks. */
    static boolean isHeaderSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || (c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Fails activation listing every problem, prefixed with the provider type and name. */
    static void check(java.util.List<String> problems, String type, String name) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid " + type + " security provider '" + name + "': "
                    + String.join("; ", problems));
        }
    }
}
