package io.tailpost.reader.file.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.locks.LockSupport;

import io.tailpost.sdk.Plugins;
import io.tailpost.sdk.TailpostPlugin;
import io.tailpost.sdk.metrics.Metrics;
import io.tailpost.sdk.reader.Reader;
import io.tailpost.sdk.reader.ReaderContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@code file} reader: follows the files matched by glob patterns and emits one event
 * per line, resuming from acknowledged checkpoints after a restart.
 *
 * <p>Each start runs a {@link TailLoop} on its own thread named
 * {@code tailpost-file-<reader id>}; {@link #stop} ends it and waits for it (bounded).
 * See {@link FileReaderConfig} for the settings. Measurements go to the core's
 * {@link Metrics} service when it is there (an optional, dynamic reference).
 */
@TailpostPlugin(kind = "reader", type = "file")
@Designate(ocd = FileReaderConfig.class, factory = true)
@Component(configurationPid = RotatingFileTailer.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Reader.class, property = Plugins.TYPE + "=file")
public final class RotatingFileTailer implements Reader {
    /** The factory PID of file reader configurations. */
    public static final String PID = "tailpost.reader.file";

    private static final Logger LOG = System.getLogger(RotatingFileTailer.class.getName());
    private static final long STOP_WAIT_MILLIS = 2_000;
    private static final long INTERRUPTED_STOP_WAIT_MILLIS = 3_000;

    private final FileReaderSettings settings;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Metrics metrics;
    private final Object lock = new Object();
    private TailLoop loop;
    private Thread thread;
    private String readerId;

    /**
     * @throws IllegalArgumentException naming each bad key, which fails activation
     */
    @Activate
    public RotatingFileTailer(FileReaderConfig config) {
        this.settings = FileReaderSettings.from(config);
    }

    @Override
    public void start(ReaderContext context) {
        synchronized (lock) {
            if (thread != null) {
                throw new IllegalStateException("File reader '" + context.readerId() + "' is already started");
            }
            TailLoop newLoop = new TailLoop(settings, context, () -> metrics);
            Thread newThread = new Thread(newLoop, "tailpost-file-" + context.readerId());
            newThread.setDaemon(true);
            loop = newLoop;
            thread = newThread;
            readerId = context.readerId();
            newThread.start();
        }
        LOG.log(Level.INFO, "File reader '" + context.readerId() + "' of pipeline '" + context.pipeline()
                + "' started on " + settings.paths());
    }

    @Override
    public void stop() {
        TailLoop stopping;
        Thread stoppingThread;
        String id;
        synchronized (lock) {
            stopping = loop;
            stoppingThread = thread;
            id = readerId;
            loop = null;
            thread = null;
        }
        if (stoppingThread == null) {
            return;
        }
        stopping.requestStop();
        LockSupport.unpark(stoppingThread);
        try {
            stoppingThread.join(STOP_WAIT_MILLIS);
            if (stoppingThread.isAlive()) {
                // Blocked in emit (backpressure) or in a slow read: interrupting ends both.
                stoppingThread.interrupt();
                stoppingThread.join(INTERRUPTED_STOP_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stoppingThread.isAlive()) {
            LOG.log(Level.WARNING, "File reader '" + id + "': thread " + stoppingThread.getName()
                    + " did not end within " + (STOP_WAIT_MILLIS + INTERRUPTED_STOP_WAIT_MILLIS) + " ms");
        } else {
            LOG.log(Level.INFO, "File reader '" + id + "' stopped");
        }
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    /** Uses {@code service} for measurements (tests; DS sets the field itself). */
    void setMetrics(Metrics service) {
        this.metrics = service;
    }

    /** How many files the running reader follows (0 when stopped). */
    int watchedFiles() {
        TailLoop current;
        synchronized (lock) {
            current = loop;
        }
        return current == null ? 0 : current.watchedFiles();
    }

    /** How many files the running reader has open (0 when stopped). */
    int openFiles() {
        TailLoop current;
        synchronized (lock) {
            current = loop;
        }
        return current == null ? 0 : current.openFiles();
    }
}
