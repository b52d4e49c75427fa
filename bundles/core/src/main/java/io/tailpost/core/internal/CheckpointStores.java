package io.tailpost.core.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every reader's checkpoint store, one per file, shared by successive pipeline instances
 * (a reload or a plugin update) so that late acknowledgements of an old instance and the
 * positions of a new one go through the same object. Writes happen on one thread.
 */
final class CheckpointStores implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CheckpointStores.class.getName());

    private final Map<Path, FileCheckpointStore> stores = new HashMap<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tailpost-checkpoints");
        t.setDaemon(true);
        return t;
    });

    /** The store of reader {@code readerId} under {@code dataDir}, loading it on first use. */
    synchronized FileCheckpointStore storeFor(Path dataDir, String readerId) throws IOException {
        Path file = dataDir.resolve("checkpoints").resolve(readerId + ".properties").toAbsolutePath();
        FileCheckpointStore store = stores.get(file);
        if (store == null) {
            store = new FileCheckpointStore(file, writer);
            stores.put(file, store);
        }
        return store;
    }

    /** Writes every pending change now. */
    synchronized void flushAll() {
        for (FileCheckpointStore s : stores.values()) {
            try {
                s.flush();
            } catch (IOException e) {
                LOG.log(Level.ERROR, "cannot write checkpoints to " + s.file() + "; the last positions may be read again", e);
            }
        }
    }

    @Override
    public void close() {
        flushAll();
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "checkpoint writer did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushAll();
        for (FileCheckpointStore s : stores.values()) {
            s.close();
        }
    }
}
