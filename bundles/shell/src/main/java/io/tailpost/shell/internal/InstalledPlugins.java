package io.tailpost.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.tailpost.sdk.PluginKind;
import io.tailpost.sdk.Plugins;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The plugin types installed in the framework, read from the {@value Plugins#CAPABILITY_NAMESPACE}
 * capabilities bundles declare. Declared capabilities are read, not wired ones, so a plugin
 * bundle that does not resolve is listed too, with its state saying so.
 */
final class InstalledPlugins {
    static final String NO_PLUGINS = "no plugins installed";

    /** One plugin type and the bundle that provides it. */
    record Entry(String kind, String type, long bundleId, String bundle, String version, String state) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingInt((Entry e) -> kindOrder(e.kind()))
            .thenComparing(Entry::kind)
            .thenComparing(Entry::type)
            .thenComparingLong(Entry::bundleId);

    private InstalledPlugins() {
    }

    /** The plugin types of {@code bundles}, ordered by kind (readers, processors, senders), then type. */
    static List<Entry> collect(Bundle[] bundles) {
        List<Entry> entries = new ArrayList<>();
        for (Bundle bundle : bundles) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision == null) {
                continue; // uninstalled meanwhile
            }
            for (BundleCapability capability : revision.getDeclaredCapabilities(Plugins.CAPABILITY_NAMESPACE)) {
                Map<String, Object> attributes = capability.getAttributes();
                entries.add(new Entry(text(attributes.get("kind")), text(attributes.get("type")), bundle.getBundleId(),
                        bundle.getSymbolicName(), String.valueOf(bundle.getVersion()), stateName(bundle.getState())));
            }
        }
        entries.sort(ORDER);
        return entries;
    }

    /** The entries as a table, in the given order. */
    static String format(List<Entry> entries) {
        if (entries.isEmpty()) {
            return NO_PLUGINS;
        }
        TextTable table = new TextTable(false, false, true, false, false, false)
                .row("KIND", "TYPE", "ID", "BUNDLE", "VERSION", "STATE");
        for (Entry e : entries) {
            table.row(e.kind(), e.type(), e.bundleId(), e.bundle(), e.version(), e.state());
        }
        return String.join("\n", table.lines(""));
    }

    static String stateName(int state) {
        switch (state) {
            case Bundle.UNINSTALLED:
                return "UNINSTALLED";
            case Bundle.INSTALLED:
                return "INSTALLED";
            case Bundle.RESOLVED:
                return "RESOLVED";
            case Bundle.STARTING:
                return "STARTING";
            case Bundle.STOPPING:
                return "STOPPING";
            case Bundle.ACTIVE:
                return "ACTIVE";
            default:
                return Integer.toString(state);
        }
    }

    private static int kindOrder(String kind) {
        for (PluginKind k : PluginKind.values()) {
            if (k.label().equals(kind)) {
                return k.ordinal();
            }
        }
        return PluginKind.values().length;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
