package io.tailpost.config.yaml.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.tailpost.sdk.Plugins;

/**
 * Makes ConfigAdmin hold exactly the desired configurations among those whose factory PID
 * starts with {@code tailpost.}: writes only what differs ({@code updateIfDifferent}) and
 * deletes what the file no longer asks for. A component whose type changed has a new
 * factory PID, so its old configuration is deleted and a new one created.
 *
 * <p>Order: stale pipelines go first and stale components next, so ids stay unique at every
 * moment; then components are written before the pipelines that list them.
 */
final class ConfigurationApplier {
    /** Configurations with this location may be bound by any bundle (the plugins). */
    static final String ANY_LOCATION = "?";
    private static final String OWNED_FILTER = "(" + ConfigurationAdmin.SERVICE_FACTORYPID + "="
            + Plugins.PID_PREFIX + "*)";

    private final ConfigurationAdmin admin;

    ConfigurationApplier(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    /** Applies {@code state}; an IOException leaves the configurations partly applied. */
    ApplyResult apply(DesiredState state) throws IOException {
        Set<String> wanted = new HashSet<>();
        state.configurations().forEach(d -> wanted.add(d.pid()));

        List<Configuration> stale = new ArrayList<>();
        for (Configuration c : owned()) {
            if (!wanted.contains(c.getPid())) {
                stale.add(c);
            }
        }
        stale.sort((a, b) -> Boolean.compare(!isPipeline(a), !isPipeline(b)));
        for (Configuration c : stale) {
            c.delete();
        }

        int created = 0;
        int updated = 0;
        for (DesiredConfiguration d : state.configurations()) {
            Configuration c = admin.getFactoryConfiguration(d.factoryPid(), d.name(), ANY_LOCATION);
            boolean isNew = c.getProperties() == null;
            if (c.updateIfDifferent(dictionary(d))) {
                if (isNew) {
                    created++;
                } else {
                    updated++;
                }
            }
        }
        return new ApplyResult(created, updated, stale.size());
    }

    private List<Configuration> owned() throws IOException {
        Configuration[] listed;
        try {
            listed = admin.listConfigurations(OWNED_FILTER);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the constant filter " + OWNED_FILTER + " is invalid", e);
        }
        List<Configuration> owned = new ArrayList<>();
        if (listed != null) {
            for (Configuration c : listed) {
                String factoryPid = c.getFactoryPid();
                if (factoryPid != null && factoryPid.startsWith(Plugins.PID_PREFIX)) {
                    owned.add(c);
                }
            }
        }
        return owned;
    }

    private static boolean isPipeline(Configuration c) {
        return Plugins.PIPELINE_PID.equals(c.getFactoryPid());
    }

    private static Dictionary<String, Object> dictionary(DesiredConfiguration d) {
        return new Hashtable<>(d.properties());
    }
}
