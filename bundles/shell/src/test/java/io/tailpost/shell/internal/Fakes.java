package io.tailpost.shell.internal;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

/** Hand-made stand-ins for the few framework objects the commands read. */
final class Fakes {
    private Fakes() {
    }

    /** A proxy answering the named methods from {@code answers}; any other call fails the test. */
    @SuppressWarnings("unchecked")
    static <T> T fake(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (answers.containsKey(method.getName())) {
                return answers.get(method.getName());
            }
            if (method.getName().equals("toString")) {
                return type.getSimpleName() + answers;
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
        });
    }

    static BundleCapability capability(String namespace, Map<String, Object> attributes) {
        return fake(BundleCapability.class, Map.of("getNamespace", namespace, "getAttributes", attributes));
    }

    /** A bundle whose revision declares {@code pluginCapabilities} in the plugin namespace. */
    static Bundle bundle(long id, String name, String version, int state, List<BundleCapability> pluginCapabilities) {
        BundleRevision revision = fake(BundleRevision.class, Map.of("getDeclaredCapabilities", pluginCapabilities));
        return fake(Bundle.class, Map.of("getBundleId", id, "getSymbolicName", name,
                "getVersion", Version.parseVersion(version), "getState", state, "adapt", revision));
    }

    /** A bundle that was uninstalled: it has no revision any more. */
    static Bundle uninstalled(long id) {
        Map<String, Object> answers = new java.util.HashMap<>();
        answers.put("getBundleId", id);
        answers.put("adapt", null);
        return fake(Bundle.class, answers);
    }
}
