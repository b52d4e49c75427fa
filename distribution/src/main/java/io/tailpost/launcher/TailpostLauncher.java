package io.tailpost.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;

/**
 * Entry point of {@code bin/tailpost}: runs the agent in a Felix framework, validates a
 * configuration file, or prints the version.
 *
 * <p>Exit codes: 0 success (and a normal stop), 1 the configuration has errors or the agent
 * stopped on an error, 2 usage error, missing file or a validation that could not run.
 */
public final class TailpostLauncher {

    static final int EXIT_OK = 0;
    static final int EXIT_INVALID = 1;
    static final int EXIT_USAGE = 2;

    private static final long STOP_TIMEOUT_MILLIS = 30_000;
    static {
        // Before the first logger: the LogManager reads this property once, when it is created.
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "io.tailpost.launcher.AgentLogManager");
        }
    }

    private static final System.Logger LOG = System.getLogger(TailpostLauncher.class.getName());

    /** Set by the shutdown hook, which then logs the stop itself. */
    private static volatile boolean stopping;
    /** The data folder's lock, kept reachable for the life of the process. */
    private static DataDirLock dataDirLock;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    TailpostLauncher(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /**
     * Runs the launcher and exits the JVM with its exit code.
     *
     * @param args {@code run [-c FILE]}, {@code validate FILE} or {@code version}
     */
    public static void main(String[] args) {
        int code = new TailpostLauncher(System.out, System.err, System.getenv()).execute(args);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Parses the arguments and runs the command.
     *
     * @param args the command line
     * @return the exit code
     */
    int execute(String[] args) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(List.of(args));
        } catch (CommandLine.UsageException e) {
            err.println("tailpost: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return EXIT_USAGE;
        }
        switch (commandLine.command()) {
            case VERSION:
                out.println("tailpost " + AgentVersion.get());
                return EXIT_OK;
            case HELP:
                out.println(CommandLine.USAGE);
                return EXIT_OK;
            case VALIDATE:
                return validate(commandLine.file());
            case RUN:
            default:
                return run(commandLine.file());
        }
    }

    private int run(Path requestedConfig) {
        long launched = System.nanoTime();
        LoggingSetup.configure(System.Logger.Level.INFO);
        AgentHome home = AgentHome.locate(env);
        Path config = (requestedConfig == null ? home.defaultConfig() : requestedConfig).toAbsolutePath().normalize();
        if (!Files.isRegularFile(config)) {
            err.println("tailpost: configuration file not found: " + config);
            return EXIT_USAGE;
        }
        try {
            // Held until the JVM exits.
            dataDirLock = DataDirLock.acquire(home.dataDir());
        } catch (IOException e) {
            err.println("tailpost: " + e.getMessage());
            return EXIT_INVALID;
        }
        boolean interactive = System.console() != null;
        Map<String, String> properties =
                AgentFramework.properties(home, config, home.dataDir().resolve(".framework"), interactive);
        LOG.log(System.Logger.Level.INFO, "TailPost " + AgentVersion.get() + " starting (home " + home.root()
                + ", config " + config + ")");
        AgentFramework agent;
        try {
            agent = AgentFramework.init(properties);
        } catch (BundleException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot start the OSGi framework in " + home.dataDir() + ": "
                    + e.getMessage(), e);
            return EXIT_INVALID;
        }
        Thread hook = new Thread(() -> stopFromSignal(agent), "tailpost-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<Bundle> bundles = agent.install(AgentFramework.jars(home.bundleDir()));
            int failed = agent.start(bundles, List.of());
            LOG.log(System.Logger.Level.INFO, "started in " + sinceStart(launched) + " ms (" + bundles.size()
                    + " bundles" + (failed == 0 ? "" : ", " + failed + " did not start") + ")");
            FrameworkEvent stopped = agent.awaitStop();
            if (!stopping) {
                LOG.log(System.Logger.Level.INFO, "stopped");
            }
            return stopped.getType() == FrameworkEvent.ERROR ? EXIT_INVALID : EXIT_OK;
        } catch (BundleException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot start the agent: " + e.getMessage(), e);
            agent.stop(STOP_TIMEOUT_MILLIS);
            return EXIT_INVALID;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            agent.stop(STOP_TIMEOUT_MILLIS);
            return EXIT_INVALID;
        }
    }

    /**
     * Runs on SIGTERM / Ctrl-C: stops the framework, then ends the JVM with 0 when the stop
     * was clean, so a service manager sees a normal exit rather than the JVM's 143.
     */
    private static void stopFromSignal(AgentFramework agent) {
        if ((agent.framework().getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) == 0) {
            return;
        }
        int code = EXIT_INVALID;
        stopping = true;
        stopAtOnceOnSecondSignal();
        try {
            LOG.log(System.Logger.Level.INFO, "stopping");
            if (agent.stop(STOP_TIMEOUT_MILLIS)) {
                code = EXIT_OK;
                LOG.log(System.Logger.Level.INFO, "stopped");
            } else {
                LOG.log(System.Logger.Level.ERROR, "the framework did not stop within "
                        + Duration.ofMillis(STOP_TIMEOUT_MILLIS).toSeconds() + " s");
            }
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "stopping the framework failed", e);
        } finally {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }
    }

    /**
     * While the agent drains and stops, a second SIGTERM or Ctrl-C ends the process at once
     * (exit 130 for SIGINT, 143 for SIGTERM, as a shell reports them): undelivered events
     * stay unacknowledged and are read (or, with a disk buffer, sent) again after a restart.
     */
    private static void stopAtOnceOnSecondSignal() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    LOG.log(System.Logger.Level.WARNING, "second SIG" + signal.getName()
                            + ": stopping at once; undelivered events are sent again after a restart");
                    System.err.flush();
                    Runtime.getRuntime().halt(128 + signal.getNumber());
                });
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot handle SIG" + name + ": " + e.getMessage());
            }
        }
    }

    private int validate(Path file) {
        LoggingSetup.configure(System.Logger.Level.WARNING);
        if (!Files.isRegularFile(file)) {
            err.println("tailpost: file not found: " + file);
            return EXIT_USAGE;
        }
        AgentHome home = AgentHome.locate(env);
        Path storage;
        try {
            // Its own cache, so validating works while the agent runs (Felix locks its cache).
            storage = Files.createTempDirectory("tailpost-validate");
        } catch (IOException e) {
            err.println("tailpost: cannot create a temporary folder: " + e.getMessage());
            return EXIT_USAGE;
        }
        AgentFramework agent = null;
        try {
            agent = AgentFramework.init(AgentFramework.properties(home, null, storage, false));
            // Plugins are installed here rather than by FileInstall so that they are all
            // present before the file is checked.
            List<Path> jars = new ArrayList<>(AgentFramework.jars(home.bundleDir()));
            jars.addAll(AgentFramework.jars(home.pluginsDir()));
            agent.start(agent.install(jars), List.of(AgentFramework.FILEINSTALL));
            ConfigValidator validator = new ConfigValidator(agent.framework().getBundleContext());
            List<String> problems = validator.validate(file.toAbsolutePath().normalize(), Duration.ofSeconds(30));
            return report(file, problems);
        } catch (ConfigValidator.ValidatorMissingException e) {
            err.println("tailpost: cannot validate " + file + ": " + e.getMessage());
            return EXIT_USAGE;
        } catch (BundleException | RuntimeException e) {
            err.println("tailpost: cannot validate " + file + ": " + e);
            return EXIT_USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("tailpost: interrupted while validating " + file);
            return EXIT_USAGE;
        } finally {
            if (agent != null) {
                agent.stop(STOP_TIMEOUT_MILLIS);
            }
            deleteTree(storage);
        }
    }

    private int report(Path file, List<String> problems) {
        int errors = 0;
        int warnings = 0;
        for (String problem : problems) {
            out.println(problem);
            if (ConfigValidator.isWarning(problem)) {
                warnings++;
            } else {
                errors++;
            }
        }
        if (problems.isEmpty()) {
            out.println(file + ": valid");
        } else {
            out.println(file + ": " + plural(errors, "error") + ", " + plural(warnings, "warning"));
        }
        return errors == 0 ? EXIT_OK : EXIT_INVALID;
    }

    static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** Milliseconds since the JVM started, or since {@code launchedNanos} without java.management. */
    private static long sinceStart(long launchedNanos) {
        if (ModuleLayer.boot().findModule("java.management").isPresent()) {
            return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        }
        return Duration.ofNanos(System.nanoTime() - launchedNanos).toMillis();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete the temporary folder " + root + ": " + e.getMessage());
        }
    }
}
