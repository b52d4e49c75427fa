package io.tailpost.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;

/**
 * One Felix framework holding the agent: builds its properties, installs the bundles of
 * {@code bundle/}, starts them one by one so that one failure does not stop the others,
 * and stops the framework.
 */
final class AgentFramework {

    /** Framework property naming the agent's folder. */
    static final String HOME = "tailpost.home";
    /** Framework property naming the YAML file; absent when validating. */
    static final String CONFIG = "tailpost.config";
    /** Framework property naming the data folder. */
    static final String DATA_DIR = "tailpost.data.dir";
    /** Symbolic name of FileInstall, which watches {@code plugins/}. */
    static final String FILEINSTALL = "org.apache.felix.fileinstall";
    private static final String LOG_SERVICE = "org.apache.felix.log";

    private static final System.Logger LOG = System.getLogger(AgentFramework.class.getName());

    /** Felix ConfigAdmin's framework property naming the persistence manager to use. */
    static final String CM_PERSISTENCE = "felix.cm.pm";

    private final Framework framework;

    private AgentFramework(Framework framework) {
        this.framework = framework;
    }

    /**
     * The framework properties for the agent.
     *
     * @param home        the agent's folder
     * @param config      the YAML file, or null to apply nothing (validate)
     * @param storage     the framework's cache folder
     * @param interactive whether Gogo may read commands from the terminal
     * @return the properties, in a stable order
     */
    static Map<String, String> properties(AgentHome home, Path config, Path storage, boolean interactive) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        // The YAML file is the source of truth: ConfigAdmin state is rebuilt on every start.
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // ...so ConfigAdmin keeps it in memory (its built-in "memory" persistence manager):
        // configurations hold secrets resolved from ${VAR}, which must never reach the disk.
        properties.put(CM_PERSISTENCE, "memory");
        properties.put(HOME, home.root().toString());
        if (config != null) {
            properties.put(CONFIG, config.toString());
        }
        properties.put(DATA_DIR, home.dataDir().toString());
        properties.put("felix.log.level", "2");
        properties.put("felix.fileinstall.dir", home.pluginsDir().toString());
        properties.put("felix.fileinstall.poll", "1000");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.bundles.new.start", "true");
        properties.put("felix.fileinstall.filter", ".*\\.jar");
        properties.put("felix.fileinstall.log.level", "2");
        properties.put("felix.fileinstall.log.default", "jul");
        properties.put("felix.fileinstall.enableConfigSave", "false");
        if (!interactive) {
            properties.put("gosh.args", "--nointeractive");
        }
        return properties;
    }

    /**
     * Creates and initialises a framework; no bundle is installed yet.
     *
     * @param properties the framework properties
     * @return the framework, in state STARTING
     * @throws BundleException when the framework cannot initialise (e.g. its cache is locked)
     */
    static AgentFramework init(Map<String, String> properties) throws BundleException {
        Map<String, Object> configuration = new HashMap<>(properties);
        configuration.put("felix.log.logger", new FelixLogAdapter());
        @SuppressWarnings("unchecked")
        Framework framework = new FrameworkFactory().newFramework(configuration);
        framework.init();
        AgentFramework agent = new AgentFramework(framework);
        // Closes by itself when the framework stops.
        new OsgiLogBridge(framework.getBundleContext()).open();
        return agent;
    }

    /**
     * Lists the jars of a folder, sorted by name.
     *
     * @param dir the folder; a missing folder has no jars
     * @return the jars
     */
    static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bundles in " + dir, e);
        }
    }

    /**
     * Installs jars as bundles, in the given order. A jar that cannot be installed is logged
     * and skipped.
     *
     * @param jars the bundle jars
     * @return the installed bundles
     */
    List<Bundle> install(List<Path> jars) {
        List<Bundle> installed = new ArrayList<>(jars.size());
        for (Path jar : jars) {
            try {
                // reference: runs the jar in place instead of copying it into the cache.
                installed.add(framework.getBundleContext().installBundle("reference:" + jar.toUri()));
            } catch (BundleException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot install bundle " + jar + ": " + e.getMessage(), e);
            }
        }
        return installed;
    }

    /**
     * Starts the framework, then every non-fragment bundle: the log service first, FileInstall
     * last (so plugins come after the platform), the others in the given order. A bundle that
     * does not start is logged with its name and the reason; the others still start.
     *
     * @param bundles the bundles to start
     * @param skip    symbolic names not to start
     * @return the number of bundles that failed to start
     * @throws BundleException when the framework itself cannot start
     */
    int start(List<Bundle> bundles, List<String> skip) throws BundleException {
        framework.start();
        // Resolve everything in one pass before starting anything: once the first bundles run
        // (SCR, the configuration bundle reading metatype) they resolve bundles too, and a
        // start that meets their resolve can fail with "Unable to acquire global lock".
        framework.adapt(FrameworkWiring.class).resolveBundles(bundles);
        List<Bundle> ordered = new ArrayList<>(bundles);
        ordered.sort(Comparator.comparingInt(AgentFramework::startRank));
        int failed = 0;
        for (Bundle bundle : ordered) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null || skip.contains(bundle.getSymbolicName())) {
                continue;
            }
            try {
                startRetryingLockContention(bundle);
            } catch (BundleException | RuntimeException e) {
                failed++;
                boolean unresolved = e instanceof BundleException be && be.getType() == BundleException.RESOLVE_ERROR;
                LOG.log(System.Logger.Level.ERROR, "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion()
                        + " did not start: " + reason(e), unresolved ? null : e);
            }
        }
        return failed;
    }

    /**
     * Starts a bundle, trying again a few times when the framework's global resolve lock was
     * held by another thread (a transient condition, not a problem of the bundle).
     */
    private static void startRetryingLockContention(Bundle bundle) throws BundleException {
        for (int attempt = 1;; attempt++) {
            try {
                bundle.start();
                return;
            } catch (BundleException e) {
                String message = e.getMessage();
                if (attempt >= 5 || message == null || !message.contains("global lock")) {
                    throw e;
                }
                LOG.log(System.Logger.Level.DEBUG, "bundle " + bundle.getSymbolicName() + ": " + message
                        + "; trying again");
            }
        }
    }

    private static int startRank(Bundle bundle) {
        String name = bundle.getSymbolicName();
        if (LOG_SERVICE.equals(name)) {
            return 0;
        }
        return FILEINSTALL.equals(name) ? 2 : 1;
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            return message + " (" + cause + ")";
        }
        return message;
    }

    /**
     * The framework.
     *
     * @return the framework
     */
    Framework framework() {
        return framework;
    }

    /**
     * Waits until the framework has stopped, by a shutdown request or from inside (Gogo).
     *
     * @return the stop event
     * @throws InterruptedException when the waiting thread is interrupted
     */
    FrameworkEvent awaitStop() throws InterruptedException {
        return framework.waitForStop(0);
    }

    /**
     * Stops the framework and waits for it.
     *
     * @param timeoutMillis how long to wait
     * @return true when the framework stopped within the time
     */
    boolean stop(long timeoutMillis) {
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(timeoutMillis);
            return event.getType() != FrameworkEvent.WAIT_TIMEDOUT;
        } catch (BundleException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot stop the framework", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(System.Logger.Level.ERROR, "interrupted while stopping the framework", e);
            return false;
        }
    }
}
