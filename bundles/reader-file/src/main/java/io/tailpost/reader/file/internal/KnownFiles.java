package io.tailpost.reader.file.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.lang.System.Logger;
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
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every file reader of the agent knows about files, shared across readers and kept
 * beside their state directories ({@code <data>/state/file-reader-positions.properties}).
 *
 * <p>Two jobs. <b>Positions by identity</b>: each acknowledged position is also recorded
 * here under the file's identity, with its fingerprint and the reader that read it, so a
 * reader that finds a file it has no checkpoint for (its id or patterns changed) continues
 * where the file was last read instead of reading it again. <b>Claims</b>: a file is read
 * by one reader at a time in the whole agent; the first reader to open it claims it, and
 * another reader whose patterns also match it skips it (with one warning) until the
 * claim is released, then continues from the recorded position.
 *
 * <p>Entries not updated for {@value #RETENTION_DAYS} days are dropped; readers refresh
 * the entries of files they still see. The file is written atomically (temporary file,
 * fsync, rename) by {@link #flush}, which readers call on their checkpoint interval.
 */
final class KnownFiles {
    static final String FILE_NAME = "file-reader-positions.properties";
    static final int RETENTION_DAYS = 7;
    private static final long RETENTION_MILLIS = RETENTION_DAYS * 24L * 3600 * 1000;
    private static final long TOUCH_AFTER_MILLIS = 24L * 3600 * 1000;
    private static final Logger LOG = System.getLogger(KnownFiles.class.getName());
    private static final Map<Path, KnownFiles> INSTANCES = new ConcurrentHashMap<>();
    private static final Map<String, Object> CLAIMS = new ConcurrentHashMap<>();

    /** A position recorded for a file. */
    record Entry(long offset, Fingerprint fingerprint, long updatedMillis, String reader, String path) {
        String format() {
            return offset + " " + fingerprint + " " + updatedMillis + " " + reader + " " + path;
        }

        static Entry parse(String value) {
            String[] parts = value.split(" ", 5);
            if (parts.length < 5) {
                return null;
            }
            try {
                Fingerprint fp = Fingerprint.parse(parts[1]);
                long offset = Long.parseLong(parts[0]);
                return fp == null || offset < 0 ? null
                        : new Entry(offset, fp, Long.parseLong(parts[2]), parts[3], parts[4]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private final Path file;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile boolean dirty;

    private KnownFiles(Path file) {
        this.file = file;
        load();
    }

    /** The registry kept in {@code directory}, shared by every reader using that directory. */
    static KnownFiles in(Path directory) {
        return INSTANCES.computeIfAbsent(directory.toAbsolutePath().normalize(),
                d -> new KnownFiles(d.resolve(FILE_NAME)));
    }

    /** Claims {@code id} for {@code owner}; {@code false} when another owner holds it. */
    static boolean claim(FileId id, Object owner) {
        Object holder = CLAIMS.putIfAbsent(id.key(), owner);
        return holder == null || holder == owner;
    }

    /** The owner of {@code id}'s claim, or {@code null}. */
    static Object claimant(FileId id) {
        return CLAIMS.get(id.key());
    }

    /** Releases {@code owner}'s claim of {@code id}, if it holds it. */
    static void release(FileId id, Object owner) {
        CLAIMS.remove(id.key(), owner);
    }

    Path file() {
        return file;
    }

    Entry get(FileId id) {
        return entries.get(id.key());
    }

    /** Records an acknowledged position; called from acknowledgements, cheap. */
    void record(FileId id, long offset, Fingerprint fingerprint, String reader, String path) {
        entries.put(id.key(), new Entry(offset, fingerprint, System.currentTimeMillis(), reader, path));
        dirty = true;
    }

    /** Keeps the entry of a file still seen from expiring. */
    void touch(FileId id) {
        Entry e = entries.get(id.key());
        long now = System.currentTimeMillis();
        if (e != null && now - e.updatedMillis() > TOUCH_AFTER_MILLIS) {
            entries.replace(id.key(), e, new Entry(e.offset(), e.fingerprint(), now, e.reader(), e.path()));
            dirty = true;
        }
    }

    /** Writes the entries when they changed; problems are logged, not thrown. */
    synchronized void flush() {
        if (!dirty) {
            return;
        }
        dirty = false;
        long oldest = System.currentTimeMillis() - RETENTION_MILLIS;
        entries.values().removeIf(e -> e.updatedMillis() < oldest);
        Properties p = new Properties();
        new TreeMap<>(entries).forEach((k, v) -> p.setProperty(k, v.format()));
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            StringWriter text = new StringWriter();
            p.store(text, "TailPost file reader positions by file identity: offset fingerprint updated reader path");
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = StandardCharsets.ISO_8859_1.encode(text.toString());
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            dirty = true;
            LOG.log(Level.WARNING, "File reader: cannot write " + file + ": " + PathScanner.describe(e)
                    + "; positions of renamed readers may be lost");
        }
    }

    private void load() {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "File reader: cannot read " + file + " (" + e.getMessage()
                    + "); readers fall back to their own checkpoints");
            return;
        }
        for (String key : p.stringPropertyNames()) {
            Entry e = Entry.parse(p.getProperty(key));
            if (e != null) {
                entries.put(key, e);
            } else {
                LOG.log(Level.WARNING, "File reader: ignoring entry " + key + " of " + file + ": unreadable value");
            }
        }
    }
}
