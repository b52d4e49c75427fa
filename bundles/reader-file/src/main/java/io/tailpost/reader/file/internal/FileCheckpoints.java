package io.tailpost.reader.file.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import io.tailpost.sdk.reader.Acknowledgement;
import io.tailpost.sdk.reader.CheckpointStore;

/**
 * The file reader's positions in its {@link CheckpointStore}: key {@link FileId#key()},
 * value {@code "<offset> <fingerprint> <path>"}, where the offset is the byte position
 * after the last acknowledged line, the fingerprint that of the file's first bytes (see
 * {@link Fingerprint}) and the path where the file was when it was opened (for people).
 * Values {@code "<offset> <path>"} of earlier versions are read as having no fingerprint.
 *
 * <p>Positions move only through {@link #ackAt}: the core calls acknowledgements in emit
 * order, so the last one called holds the furthest delivered position. Each is also
 * recorded in the agent-wide {@link KnownFiles}, which {@link #positionOf} consults for a
 * file this reader has no checkpoint of. Entries of files not seen by any scan for the
 * retention period are removed, so the store does not grow with every rotated file.
 * Used by the reader thread; acknowledgements run on core threads and touch only the stores.
 */
final class FileCheckpoints {
    private static final Logger LOG = System.getLogger(FileCheckpoints.class.getName());
    private static final long SWEEP_EVERY_NANOS = 60_000_000_000L;

    /** A saved position, and who saved it ({@code null}: this reader). */
    record Position(long offset, Fingerprint fingerprint, String reader) {
    }

    private final CheckpointStore store;
    private final KnownFiles known;
    private final String readerName;
    private final long retentionNanos;
    private final Map<String, Long> lastSeenNanos = new HashMap<>();
    private long nextSweepNanos;

    FileCheckpoints(CheckpointStore store, KnownFiles known, String readerName, long retentionNanos, long nowNanos) {
        this.store = store;
        this.known = known;
        this.readerName = readerName;
        this.retentionNanos = retentionNanos;
        for (String key : store.entries().keySet()) {
            lastSeenNanos.put(key, nowNanos);
        }
        this.nextSweepNanos = nowNanos + Math.min(SWEEP_EVERY_NANOS, retentionNanos);
    }

    /** The saved position of {@code id}: this reader's, else any reader's; {@code null} when none. */
    Position positionOf(FileId id) {
        String value = store.get(id.key());
        if (value != null) {
            long offset = parseOffset(value);
            if (offset >= 0) {
                return new Position(offset, parseFingerprint(value), null);
            }
            LOG.log(Level.WARNING, "File reader: ignoring checkpoint " + id.key() + " with unreadable value '"
                    + value + "' (expected '<offset> <fingerprint> <path>')");
        }
        if (known != null) {
            KnownFiles.Entry e = known.get(id);
            if (e != null) {
                return new Position(e.offset(), e.fingerprint(), e.reader());
            }
        }
        return null;
    }

    /** An acknowledgement that records {@code endOffset} as the position of {@code id}. */
    Acknowledgement ackAt(FileId id, long endOffset, Fingerprint fingerprint, String path) {
        String key = id.key();
        return () -> {
            store.put(key, format(endOffset, fingerprint, path));
            if (known != null) {
                known.record(id, endOffset, fingerprint, readerName, path);
            }
        };
    }

    /** Records a position chosen, not read (start at end): nothing before it is in flight. */
    void commitNow(FileId id, long offset, Fingerprint fingerprint, String path) {
        ackAt(id, offset, fingerprint, path).acknowledged();
    }

    /**
     * Notes which files a scan saw and, about once a minute, removes entries of files
     * unseen for the retention period and not open.
     */
    void sweep(Set<FileId> seen, Set<FileId> open, long nowNanos) {
        for (FileId id : seen) {
            lastSeenNanos.put(id.key(), nowNanos);
        }
        if (nowNanos - nextSweepNanos < 0) {
            return;
        }
        nextSweepNanos = nowNanos + Math.min(SWEEP_EVERY_NANOS, retentionNanos);
        if (known != null) {
            seen.forEach(known::touch);
        }
        for (String key : store.entries().keySet()) {
            lastSeenNanos.putIfAbsent(key, nowNanos);
        }
        for (FileId id : open) {
            lastSeenNanos.put(id.key(), nowNanos);
        }
        for (Iterator<Map.Entry<String, Long>> it = lastSeenNanos.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Long> e = it.next();
            if (nowNanos - e.getValue() >= retentionNanos) {
                if (store.get(e.getKey()) != null) {
                    LOG.log(Level.DEBUG, "File reader: removing checkpoint " + e.getKey() + " of a file not seen for "
                            + retentionNanos / 1_000_000_000L + " s");
                    store.remove(e.getKey());
                }
                it.remove();
            }
        }
    }

    static String format(long offset, Fingerprint fingerprint, String path) {
        return offset + " " + fingerprint + " " + path;
    }

    /** The offset of a checkpoint value, or -1 when it is not one. */
    static long parseOffset(String value) {
        int space = value.indexOf(' ');
        String digits = space < 0 ? value : value.substring(0, space);
        try {
            long offset = Long.parseLong(digits);
            return offset >= 0 ? offset : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The fingerprint of a checkpoint value; {@code null} for a value without one. */
    static Fingerprint parseFingerprint(String value) {
        String[] parts = value.split(" ", 3);
        if (parts.length < 3 || parts[1].startsWith("/")) {
            return null;
        }
        return Fingerprint.parse(parts[1]);
    }
}
