package io.tailpost.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import io.tailpost.sdk.reader.CheckpointStore;

/**
 * One reader's checkpoints, kept in two slot files written in turn ({@code <reader>.0},
 * {@code <reader>.1}). Each write replaces one slot in place with a header (sequence
 * number, length, CRC-32C) and the entries as properties text; at start the valid slot
 * with the higher sequence wins, so a write torn by a crash leaves the previous copy in
 * the other slot. That is as safe as a temporary file and a rename, without creating,
 * renaming or flushing files on every write.
 *
 * <p>Changes are written behind on a shared executor, at most once every
 * {@link #WRITE_SPACING_NANOS}, so consecutive puts coalesce into one write and an
 * acknowledgement never waits for the disk; these writes survive the process being
 * killed. {@link #flush} (which readers call on their flush interval, and the core at
 * stop) also fsyncs the slot, so the positions survive a power loss too. A failed write
 * is retried every second. A {@code <reader>.properties} file of an earlier version is
 * read when no slot is there yet.
 */
final class FileCheckpointStore implements CheckpointStore {
    private static final System.Logger LOG = System.getLogger(FileCheckpointStore.class.getName());
    /** Sequence number (8 bytes), payload length (4), CRC-32C of both and the payload (4). */
    private static final int HEADER = 16;

    private final Path file;
    private final Path[] slots;
    private final FileChannel[] channels = new FileChannel[2];
    private final Object io = new Object();
    private final ScheduledExecutorService writer;
    private final TreeMap<String, String> entries = new TreeMap<>();
    /** Shortest time between two write-behinds: at most 200 small writes a second under any load. */
    static final long WRITE_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private long sequence;
    private boolean legacyLoaded;
    private long version;
    private long writtenVersion;
    private long syncedVersion;
    private long lastWriteNanos = System.nanoTime() - WRITE_SPACING_NANOS;
    private boolean writeScheduled;
    private boolean failing;

    /** @param file {@code <data>/checkpoints/<reader>.properties}; the slots are its siblings */
    FileCheckpointStore(Path file, ScheduledExecutorService writer) throws IOException {
        this.file = file;
        String base = file.getFileName().toString().replaceFirst("\\.properties$", "");
        this.slots = new Path[] {file.resolveSibling(base + ".0"), file.resolveSibling(base + ".1")};
        this.writer = writer;
        load();
    }

    private void load() throws IOException {
        byte[] best = null;
        long bestSequence = -1;
        boolean anySlot = false;
        for (Path slot : slots) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(slot);
            } catch (NoSuchFileException e) {
                continue;
            }
            anySlot |= bytes.length > 0;
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (bytes.length < HEADER) {
                continue;
            }
            long seq = b.getLong(0);
            int length = b.getInt(8);
            if (length < 0 || length > bytes.length - HEADER || b.getInt(12) != checksum(bytes, length)) {
                LOG.log(Level.WARNING, "checkpoint slot " + slot + " is incomplete or damaged; using the other one");
                continue;
            }
            if (seq > bestSequence) {
                bestSequence = seq;
                best = Arrays.copyOfRange(bytes, HEADER, HEADER + length);
            }
        }
        Properties p = new Properties();
        if (best != null) {
            sequence = bestSequence;
            p.load(new StringReader(new String(best, StandardCharsets.ISO_8859_1)));
        } else if (anySlot) {
            throw new IOException("checkpoint files " + slots[0] + " and " + slots[1] + " are both damaged");
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
                legacyLoaded = true;
            } catch (NoSuchFileException e) {
                return;
            } catch (IllegalArgumentException e) {
                throw new IOException("checkpoint file " + file + " is corrupt: " + e.getMessage(), e);
            }
        }
        for (String k : p.stringPropertyNames()) {
            entries.put(k, p.getProperty(k));
        }
    }

    /** CRC-32C of the sequence and length (header bytes 0 to 11) and {@code length} payload bytes. */
    private static int checksum(byte[] record, int length) {
        CRC32C crc = new CRC32C();
        crc.update(record, 0, 12);
        crc.update(record, HEADER, length);
        return (int) crc.getValue();
    }

    /** Where the checkpoints are, for messages: the first slot file. */
    Path file() {
        return slots[0];
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
                    LOG.log(Level.ERROR, "cannot write checkpoints to " + slots[0] + "; retrying every second", e);
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
        // One writer at a time, snapshot included, so slots are written in sequence order.
        synchronized (io) {
            long snapshotVersion;
            byte[] text;
            synchronized (this) {
                if (version == (durable ? syncedVersion : writtenVersion) && sequence > 0) {
                    return;
                }
                snapshotVersion = version;
                lastWriteNanos = System.nanoTime();
                Properties p = new Properties();
                p.putAll(entries);
                StringWriter w = new StringWriter();
                p.store(w, null);
                text = w.toString().getBytes(StandardCharsets.ISO_8859_1);
            }
            long seq = sequence + 1;
            byte[] record = new byte[HEADER + text.length];
            ByteBuffer.wrap(record).putLong(0, seq).putInt(8, text.length);
            System.arraycopy(text, 0, record, HEADER, text.length);
            ByteBuffer.wrap(record).putInt(12, checksum(record, text.length));
            int slot = (int) (seq & 1);
            FileChannel ch = channel(slot, durable);
            ByteBuffer buf = ByteBuffer.wrap(record);
            long pos = 0;
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
            if (durable) {
                ch.force(false);
            }
            sequence = seq;
            if (durable && legacyLoaded) {
                // The slots hold everything now; the older file would only mislead.
                Files.deleteIfExists(file);
                legacyLoaded = false;
            }
            synchronized (this) {
                writtenVersion = Math.max(writtenVersion, snapshotVersion);
                if (durable) {
                    syncedVersion = Math.max(syncedVersion, snapshotVersion);
                }
                if (failing) {
                    LOG.log(Level.INFO, "checkpoints written to " + slots[slot] + " again");
                    failing = false;
                }
            }
        }
    }

    /** The open channel of a slot, created (and its folder fsync'd, once it is new) on first use. */
    private FileChannel channel(int slot, boolean durable) throws IOException {
        FileChannel ch = channels[slot];
        if (ch == null || !ch.isOpen()) {
            Path dir = slots[slot].getParent();
            Files.createDirectories(dir);
            boolean created = !Files.exists(slots[slot]);
            ch = FileChannel.open(slots[slot], StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channels[slot] = ch;
            if (created) {
                ch.force(true);
                syncDirectory(dir);
            }
        }
        return ch;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for fsync; the file exists all the same.
            LOG.log(Level.DEBUG, "cannot fsync directory " + dir + ": " + e);
        }
    }

    /** Closes the slot files (the store is not used afterwards). */
    void close() {
        synchronized (io) {
            for (int i = 0; i < channels.length; i++) {
                if (channels[i] != null) {
                    try {
                        channels[i].close();
                    } catch (IOException e) {
                        LOG.log(Level.WARNING, "cannot close checkpoint slot " + slots[i], e);
                    }
                    channels[i] = null;
                }
            }
        }
    }
}
