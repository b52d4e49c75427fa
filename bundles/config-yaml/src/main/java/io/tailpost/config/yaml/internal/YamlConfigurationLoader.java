package io.tailpost.config.yaml.internal;

import java.lang.System.Logger.Level;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;

/**
 * Loads the file named by the framework property {@code tailpost.config} into ConfigAdmin
 * when it activates, then polls it every {@code tailpost.config.poll.ms} milliseconds
 * (default 2000) and re-applies it when its content changes. Without the property (the
 * launcher's validate mode) it does nothing. Configurations stay when the bundle stops:
 * the agent keeps running what was last applied.
 */
@Component(immediate = true)
public final class YamlConfigurationLoader {
    static final String CONFIG_PROPERTY = "tailpost.config";
    static final String POLL_PROPERTY = "tailpost.config.poll.ms";
    static final long DEFAULT_POLL_MS = 2000;

    private static final System.Logger LOG = System.getLogger(YamlConfigurationLoader.class.getName());

    private final ConfigFileWatcher watcher;
    private volatile LoadResult lastResult;

    /** Starts watching the configured file, if any. */
    @Activate
    public YamlConfigurationLoader(BundleContext context,
            @Reference(name = "configurationAdmin") ConfigurationAdmin admin,
            @Reference(name = "metaType") MetaTypeService metaType) {
        String file = context.getProperty(CONFIG_PROPERTY);
        if (file == null || file.isBlank()) {
            LOG.log(Level.DEBUG, "framework property {0} is not set: no configuration file to load", CONFIG_PROPERTY);
            this.watcher = null;
            return;
        }
        Path path;
        try {
            path = Path.of(file).toAbsolutePath();
        } catch (InvalidPathException e) {
            LOG.log(Level.ERROR, "framework property {0}: ''{1}'' is not a valid path; no configuration loaded",
                    CONFIG_PROPERTY, file);
            this.watcher = null;
            return;
        }
        AgentPaths paths = AgentPaths.from(context::getProperty);
        ConfigCompiler compiler = new ConfigCompiler(paths.environment(System.getenv()), new MetaTypePluginCatalog(context, metaType),
                paths.home(), paths.dataDir());
        ConfigFileLoader loader = new ConfigFileLoader(compiler, new ConfigurationApplier(admin), Clock.systemUTC());
        Duration interval = Duration.ofMillis(pollMillis(context.getProperty(POLL_PROPERTY)));
        this.watcher = new ConfigFileWatcher(path, interval,
                content -> lastResult = loader.load(file, content),
                e -> lastResult = loader.unreadable(file, e));
        watcher.start();
        LOG.log(Level.INFO, "watching configuration " + file + " (every " + interval.toMillis() + " ms)");
    }

    @Deactivate
    void deactivate() {
        if (watcher != null) {
            watcher.close();
        }
    }

    /** The outcome of the last load, or null before the first. */
    LoadResult lastResult() {
        return lastResult;
    }

    static long pollMillis(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_POLL_MS;
        }
        try {
            long ms = Long.parseLong(value.trim());
            if (ms > 0) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // falls through to the warning below
        }
        LOG.log(Level.WARNING, "framework property " + POLL_PROPERTY + ": '" + value
                + "' is not a positive number of milliseconds; using " + DEFAULT_POLL_MS);
        return DEFAULT_POLL_MS;
    }
}
