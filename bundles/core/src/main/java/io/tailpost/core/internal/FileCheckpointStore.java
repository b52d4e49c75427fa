package io.tailpost.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.tailpost.sdk.reader.CheckpointStore;

/**
 * One reader's checkpoints in a properties file, always replaced atomically (temporary
 * file, rename). Changes are written behind on a shared executor, at most once every
 * {@link #WRITE_SPACING_NANOS}, so consecutive puts coalesce into one write and an
 * acknowledgement never waits for the disk; these writes survive the process being
 * killed. {@link #flush} (which readers call on their flush interval, and the core at
 * stop) also fsyncs the file and its directory, so the positions survive a power loss
 * too. A failed write is retried every second.
 */
final class FileCheckpointStore implements CheckpointStore {
    private static final System.Logger LOG = System.getLogger(FileCheckpointStore.class.getName());

    private final Path file;
    private final ScheduledExecutorService writer;
    private final TreeMap<String, String> entries = new TreeMap<>();
    /** Shortest time between two write-behinds: at most 200 small writes a second under any load. */
    static final long WRITE_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private long version;
    private long writtenVersion;
    private long syncedVersion;
    private long lastWriteNanos = System.nanoTime() - WRITE_SPACING_NANOS;
    private boolean writeScheduled;
    private boolean failing;

    FileCheckpointStore(Path file, ScheduledExecutorService writer) throws IOException {
        this.file = file;
        this.writer = writer;
        load();
    }

    private void load() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return;
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint file " + file + " is corrupt: " + e.getMessage(), e);
        }
        for (String k : p.stringPropertyNames()) {
            entries.put(k, p.getProperty(k));
        }
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized Map<String, String> entries() {
        return new TreeMap<>(entries);
    }

    @Override
    public synchronized String get(String key) {
        return entries.get(key);
    }

    @Override
    public void put(String key, String value) {
        synchronized (this) {
            if (value.equals(entries.put(key, value))) {
                return;
            }
            version++;
        }
        scheduleWrite();
    }

    @Override
    public void remove(String key) {
        synchronized (this) {
            if (entries.remove(key) == null) {
                return;
            }
            version++;
        }
        scheduleWrite();
    }

    private void scheduleWrite() {
        long delay;
        synchronized (this) {
            if (writeScheduled) {
                return;
            }
            writeScheduled = true;
            delay = Math.max(0, lastWriteNanos + WRITE_SPACING_NANOS - System.nanoTime());
        }
        writer.schedule(this::writeBehind, delay, TimeUnit.NANOSECONDS);
    }

    private void writeBehind() {
        synchronized (this) {
            writeScheduled = false;
        }
        try {
            write(false);
        } catch (IOException e) {
            synchronized (this) {
                if (!failing) {
                    LOG.log(Level.ERROR, "cannot write checkpoints to " + file + "; retrying every second", e);
                }
                failing = true;
                if (!writeScheduled) {
                    writeScheduled = true;
                    writer.schedule(this::writeBehind, 1, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Override
    public void flush() throws IOException {
        write(true);
    }

    private void write(boolean durable) throws IOException {
        String text;
        long snapshotVersion;
        synchronized (this) {
            if (version == (durable ? syncedVersion : writtenVersion) && Files.exists(file)) {
                return;
            }
            snapshotVersion = version;
            lastWriteNanos = System.nanoTime();
            Properties p = new Properties();
            p.putAll(entries);
            StringWriter w = new StringWriter();
            p.store(w, null);
            text = w.toString();
        }
        synchronized (file) {
            writeAtomically(text.getBytes(StandardCharsets.ISO_8859_1), durable);
        }
        synchronized (this) {
            writtenVersion = Math.max(writtenVersion, snapshotVersion);
            if (durable) {
                syncedVersion = Math.max(syncedVersion, snapshotVersion);
            }
            if (failing) {
                LOG.log(Level.INFO, "checkpoints written to " + file + " again");
                failing = false;
            }
        }
    }

    private void writeAtomically(byte[] bytes, boolean durable) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (durable) {
                ch.force(true);
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!durable) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for fsync; the rename is still atomic.
            LOG.log(Level.DEBUG, "cannot fsync directory " + dir + ": " + e);
        }
    }
}
