package io.tailpost.config.yaml.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * An in-memory ConfigurationAdmin with just what the applier uses, counting the writes
 * (updates that changed something, and deletes) so tests can tell "nothing written".
 */
final class FakeConfigurationAdmin implements ConfigurationAdmin {
    private final Map<String, FakeConfiguration> configurations = new LinkedHashMap<>();
    final List<String> writes = new ArrayList<>();

    /** The properties of {@code pid} without the ones ConfigAdmin adds, or null. */
    Map<String, Object> properties(String pid) {
        FakeConfiguration c = configurations.get(pid);
        if (c == null || c.properties == null) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (String key : Collections.list(c.properties.keys())) {
            if (!key.equals(SERVICE_FACTORYPID) && !key.equals("service.pid")) {
                copy.put(key, c.properties.get(key));
            }
        }
        return copy;
    }

    Set<String> pids() {
        Set<String> pids = new TreeSet<>();
        configurations.forEach((pid, c) -> {
            if (c.properties != null) {
                pids.add(pid);
            }
        });
        return pids;
    }

    /** Stores a configuration the way another party (not the applier) would. */
    void put(String factoryPid, String name, Map<String, Object> properties) {
        FakeConfiguration c = new FakeConfiguration(factoryPid + "~" + name, factoryPid);
        c.store(new Hashtable<>(properties));
        configurations.put(c.pid, c);
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name, String location) {
        String pid = factoryPid + "~" + name;
        return configurations.computeIfAbsent(pid, p -> new FakeConfiguration(p, factoryPid));
    }

    @Override
    public Configuration[] listConfigurations(String filter) throws InvalidSyntaxException {
        Filter f = FrameworkUtil.createFilter(filter);
        List<Configuration> matching = new ArrayList<>();
        for (FakeConfiguration c : configurations.values()) {
            if (c.properties != null && f.match(c.properties)) {
                matching.add(c);
            }
        }
        return matching.isEmpty() ? null : matching.toArray(new Configuration[0]);
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid, String location) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Configuration getConfiguration(String pid, String location) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Configuration getConfiguration(String pid) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name) {
        throw new UnsupportedOperationException();
    }

    private final class FakeConfiguration implements Configuration {
        private final String pid;
        private final String factoryPid;
        private Hashtable<String, Object> properties;

        FakeConfiguration(String pid, String factoryPid) {
            this.pid = pid;
            this.factoryPid = factoryPid;
        }

        void store(Hashtable<String, Object> values) {
            properties = values;
            properties.put("service.pid", pid);
            properties.put(SERVICE_FACTORYPID, factoryPid);
        }

        @Override
        public String getPid() {
            return pid;
        }

        @Override
        public String getFactoryPid() {
            return factoryPid;
        }

        @Override
        public Dictionary<String, Object> getProperties() {
            return properties == null ? null : new Hashtable<>(properties);
        }

        @Override
        public boolean updateIfDifferent(Dictionary<String, ?> update) {
            Hashtable<String, Object> next = new Hashtable<>();
            for (String key : Collections.list(update.keys())) {
                next.put(key, update.get(key));
            }
            if (properties != null && sameValues(next)) {
                return false;
            }
            writes.add("update " + pid);
            store(next);
            return true;
        }

        private boolean sameValues(Hashtable<String, Object> next) {
            Map<String, Object> current = properties(pid);
            if (!current.keySet().equals(next.keySet())) {
                return false;
            }
            for (Map.Entry<String, Object> e : next.entrySet()) {
                if (!Objects.deepEquals(e.getValue(), current.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void delete() {
            writes.add("delete " + pid);
            configurations.remove(pid);
        }

        @Override
        public Dictionary<String, Object> getProcessedProperties(ServiceReference<?> reference) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update(Dictionary<String, ?> props) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setBundleLocation(String location) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getBundleLocation() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getChangeCount() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addAttributes(ConfigurationAttribute... attrs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<ConfigurationAttribute> getAttributes() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeAttributes(ConfigurationAttribute... attrs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String toString() {
            return pid + Arrays.toString(new Object[] {properties});
        }
    }
}
