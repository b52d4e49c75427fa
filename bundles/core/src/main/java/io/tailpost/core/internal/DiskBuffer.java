package io.tailpost.core.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.json.ByteArrayBuilder;
import io.tailpost.sdk.metrics.Counter;
import io.tailpost.sdk.metrics.Metrics;

/**
 * A sender's durable queue: append-only segment files of records, each
 * {@code [length:int][crc32c:int][payload]} holding one emitted batch (see
 * {@link EventCodec}). Records are read back in order, and a segment is deleted once
 * every record in it is acknowledged. The oldest segment's acknowledged prefix is kept in
 * {@code state.properties}, so a restart replays only what was not yet delivered (plus,
 * at most, records acknowledged out of order after that prefix).
 *
 * <p>Recovery on open verifies every record; a torn or corrupt record ends its segment
 * there (the tail of the last segment is cut off so appends continue cleanly), is counted
 * and logged with the file and byte offset, and the rest of the buffer is delivered.
 */
final class DiskBuffer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DiskBuffer.class.getName());
    private static final int HEADER = 8;
    private static final String STATE_FILE = "state.properties";
    /** How often, at most, the delivered position is written while it moves. */
    private static final long STATE_WRITE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    enum FullPolicy {
        BLOCK, DROP_OLDEST, DROP_NEWEST
    }

    enum SyncPolicy {
        EVERY_BATCH, INTERVAL, NEVER
    }

    record Settings(long maxBytes, long segmentBytes, FullPolicy full, SyncPolicy sync, long syncIntervalMillis) {
    }

    /** One record read back: its events and where it lives, to acknowledge it. */
    record Record(Segment segment, int index, List<LogEvent> events) {
    }

    /** One segment file and what is known of its records. */
    static final class Segment {
        final long sequence;
        final Path file;
        FileChannel channel;
        final List<long[]> index = new ArrayList<>(); // {offset, payload length}
        final BitSet acked = new BitSet();
        int ackedPrefix;
        long size;
        boolean deleted;

        Segment(long sequence, Path file) {
            this.sequence = sequence;
            this.file = file;
        }
    }

    private final Path dir;
    private final Settings settings;
    private final String pipeline;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Paces the sync thread; signalled only on close. */
    private final Condition tick = lock.newCondition();
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private final ByteArrayBuilder encoded = new ByteArrayBuilder(64 * 1024);
    private final CRC32C crc = new CRC32C();
    private final List<Runnable> awaitingSync = new ArrayList<>();
    private final Counter droppedNewest;
    private final Counter droppedOldest;
    private final Counter corrupted;
    private final Thread syncer;
    private final List<Metrics.Registration> gauges;
    private Segment active;
    private Segment readSegment;
    private int readIndex;
    private long totalBytes;
    private boolean closed;
    private boolean stateDirty;

    /**
     * Opens (and recovers) the buffer in {@code dir}.
     *
     * @param pipeline the pipeline, for messages and metric tags
     * @param component the sender whose buffer it is, for messages and metric tags
     */
    DiskBuffer(Path dir, Settings settings, String pipeline, String component, Metrics metrics) throws IOException {
        this.dir = dir;
        this.settings = settings;
        this.pipeline = pipeline + "/" + component;
        this.droppedNewest = metrics.counter("buffer.events.dropped", "pipeline", pipeline, "component", component,
                "reason", "full_drop_newest");
        this.droppedOldest = metrics.counter("buffer.events.dropped", "pipeline", pipeline, "component", component,
                "reason", "full_drop_oldest");
        this.corrupted = metrics.counter("buffer.records.corrupted", "pipeline", pipeline, "component", component);
        Files.createDirectories(dir);
        recover();
        gauges = List.of(metrics.gauge("buffer.bytes", this::bytes, "pipeline", pipeline, "component", component),
                metrics.gauge("buffer.batches.pending", this::pendingRecords, "pipeline", pipeline, "component",
                        component));
        syncer = new Thread(this::syncLoop, "tailpost-" + pipeline + "-" + component + "-buffer-sync");
        syncer.setDaemon(true);
        syncer.start();
    }

    // ---- opening ------------------------------------------------------------------------

    private void recover() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.seg")) {
            ds.forEach(files::add);
        }
        files.sort(null);
        long[] state = readState();
        for (Iterator<Path> it = files.iterator(); it.hasNext();) {
            Path f = it.next();
            long seq;
            try {
                seq = Long.parseLong(f.getFileName().toString().replace(".seg", ""));
            } catch (NumberFormatException e) {
                LOG.log(Level.WARNING, "disk buffer of pipeline " + pipeline + ": ignoring unexpected file " + f);
                continue;
            }
            Segment s = new Segment(seq, f);
            scan(s, !it.hasNext());
            if (seq < state[0]) {
                // Fully acknowledged before the stop, but not yet deleted.
                Files.deleteIfExists(f);
                continue;
            }
            if (seq == state[0]) {
                s.ackedPrefix = (int) Math.min(state[1], s.index.size());
                s.acked.set(0, s.ackedPrefix);
            }
            segments.addLast(s);
            totalBytes += s.size;
        }
        if (segments.isEmpty()) {
            roll(state[0]);
        } else {
            active = segments.peekLast();
            active.channel = FileChannel.open(active.file, StandardOpenOption.WRITE, StandardOpenOption.READ);
        }
        readSegment = segments.peekFirst();
        readIndex = readSegment.ackedPrefix;
        long pending = 0;
        for (Segment s : segments) {
            pending += s.index.size() - s.ackedPrefix;
        }
        if (pending > 0) {
            LOG.log(Level.INFO, "disk buffer of pipeline " + pipeline + ": " + pending + " batches to deliver from "
                    + segments.size() + " segments (" + totalBytes + " bytes)");
        }
    }

    /** Indexes the records of a segment, stopping at the first torn or corrupt one. */
    private void scan(Segment s, boolean last) throws IOException {
        try (FileChannel ch = FileChannel.open(s.file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long pos = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            String problem = null;
            while (pos < size) {
                if (size - pos < HEADER) {
                    problem = "torn record header";
                    break;
                }
                header.clear();
                readFully(ch, header, pos);
                header.flip();
                int len = header.getInt();
                int expected = header.getInt();
                if (len < 0 || len > size - pos - HEADER) {
                    problem = len < 0 ? "bad record length " + len : "torn record (" + len + " bytes announced, "
                            + (size - pos - HEADER) + " present)";
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(len);
                readFully(ch, payload, pos + HEADER);
                crc.reset();
                crc.update(payload.array(), 0, len);
                if ((int) crc.getValue() != expected) {
                    problem = "checksum mismatch";
                    break;
                }
                s.index.add(new long[] {pos + HEADER, len});
                pos += HEADER + len;
            }
            if (problem != null) {
                corrupted.increment();
                LOG.log(Level.WARNING, "disk buffer of pipeline " + pipeline + ": " + problem + " in " + s.file
                        + " at byte " + pos + "; the " + s.index.size() + " records before it are kept"
                        + (last ? " and the rest of the file is cut off" : ", the rest of that segment is skipped"));
                if (last) {
                    ch.truncate(pos);
                    ch.force(true);
                }
            }
            s.size = pos;
        }
    }

    private long[] readState() throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(dir.resolve(STATE_FILE))) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return new long[] {0, 0};
        }
        try {
            return new long[] {Long.parseLong(p.getProperty("segment", "0")), Long.parseLong(p.getProperty("acked", "0"))};
        } catch (NumberFormatException e) {
            LOG.log(Level.WARNING, "disk buffer of pipeline " + pipeline + ": unreadable " + dir.resolve(STATE_FILE)
                    + "; every buffered batch is delivered again");
            return new long[] {0, 0};
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private void roll(long sequence) throws IOException {
        if (active != null) {
            active.channel.force(false);
        }
        Segment s = new Segment(sequence, dir.resolve(String.format("%020d.seg", sequence)));
        s.channel = FileChannel.open(s.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        s.size = s.channel.size();
        segments.addLast(s);
        active = s;
        if (readSegment == null) {
            readSegment = s;
            readIndex = 0;
        }
        deleteDeliveredSegments();
    }

    // ---- writing ------------------------------------------------------------------------

    /**
     * Appends one batch. {@code onDurable} runs once the record is as durable as the sync
     * policy makes it (or at once when the batch is dropped by the drop_newest policy).
     *
     * @return false when the buffer is closed and did not take the batch
     */
    boolean append(List<LogEvent> events, Runnable onDurable) throws IOException, InterruptedException {
        lock.lockInterruptibly();
        try {
            if (closed) {
                return false;
            }
            encoded.reset();
            encoded.ensure(HEADER);
            EventCodec.writeInt(encoded, 0);
            EventCodec.writeInt(encoded, 0);
            EventCodec.encode(events, encoded);
            int len = encoded.size() - HEADER;
            long recordSize = encoded.size();
            if (!makeRoom(recordSize, events.size())) {
                if (closed) {
                    return false;
                }
                onDurable.run();
                return true;
            }
            crc.reset();
            crc.update(encoded.array(), HEADER, len);
            byte[] a = encoded.array();
            putInt(a, 0, len);
            putInt(a, 4, (int) crc.getValue());
            if (active.size > 0 && active.size + recordSize > settings.segmentBytes()) {
                roll(active.sequence + 1);
            }
            ByteBuffer buf = ByteBuffer.wrap(a, 0, encoded.size());
            long pos = active.size;
            while (buf.hasRemaining()) {
                pos += active.channel.write(buf, pos);
            }
            active.index.add(new long[] {active.size + HEADER, len});
            active.size = pos;
            totalBytes += recordSize;
            switch (settings.sync()) {
                case EVERY_BATCH -> {
                    active.channel.force(false);
                    onDurable.run();
                }
                case INTERVAL -> {
                    awaitingSync.add(onDurable);
                    tick.signalAll();
                }
                default -> onDurable.run();
            }
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Applies the full policy; false when the batch must be dropped (or the buffer closed). */
    private boolean makeRoom(long recordSize, int events) throws InterruptedException, IOException {
        while (totalBytes + recordSize > settings.maxBytes() && totalBytes > 0) {
            switch (settings.full()) {
                case DROP_NEWEST -> {
                    droppedNewest.add(events);
                    return false;
                }
                case DROP_OLDEST -> {
                    if (!dropOldestSegment()) {
                        return true; // only the active segment is left: take the record anyway
                    }
                }
                default -> {
                    changed.await(1, TimeUnit.SECONDS);
                    if (closed) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private boolean dropOldestSegment() throws IOException {
        Segment oldest = segments.peekFirst();
        if (oldest == null) {
            return false;
        }
        if (oldest == active) {
            if (active.size == 0) {
                return false;
            }
            roll(active.sequence + 1);
            if (oldest.deleted) {
                return true; // it was all delivered: rolling freed it
            }
        }
        // Records already handed to the pipeline are in memory and still get delivered;
        // what is lost is what was never read.
        int handedOut = readSegment == oldest ? readIndex : oldest.index.size();
        long lost = 0;
        for (int i = handedOut; i < oldest.index.size(); i++) {
            lost += eventCount(oldest, i);
        }
        droppedOldest.add(lost);
        LOG.log(Level.WARNING, "disk buffer of pipeline " + pipeline + " is full (" + totalBytes + " of "
                + settings.maxBytes() + " bytes): dropped its oldest segment with " + lost + " undelivered events");
        if (readSegment == oldest) {
            advanceReadSegment();
        }
        delete(oldest);
        return true;
    }

    private int eventCount(Segment s, int i) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4);
        readFully(channelOf(s), b, s.index.get(i)[0]);
        return b.getInt(0);
    }

    private static void putInt(byte[] a, int at, int v) {
        a[at] = (byte) (v >>> 24);
        a[at + 1] = (byte) (v >>> 16);
        a[at + 2] = (byte) (v >>> 8);
        a[at + 3] = (byte) v;
    }

    /**
     * The buffer's own thread: forces appended records to disk on the interval policy
     * (then acknowledges their readers), and writes the delivered position soon after it
     * moves, at most every {@link #STATE_WRITE_NANOS}, so a crash replays little.
     */
    private void syncLoop() {
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, settings.syncIntervalMillis()));
        long lastForce = System.nanoTime();
        long lastState = 0;
        while (true) {
            List<Runnable> due = List.of();
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                long now = System.nanoTime();
                long untilForce = awaitingSync.isEmpty() ? intervalNanos : lastForce + intervalNanos - now;
                long untilState = stateDirty ? lastState + STATE_WRITE_NANOS - now : intervalNanos;
                long wait = Math.min(untilForce, untilState);
                if (wait > 0) {
                    tick.awaitNanos(wait);
                    continue;
                }
                if (!awaitingSync.isEmpty() && untilForce <= 0) {
                    active.channel.force(false);
                    lastForce = now;
                    due = new ArrayList<>(awaitingSync);
                    awaitingSync.clear();
                }
                if (stateDirty && untilState <= 0) {
                    writeState();
                    lastState = now;
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                LOG.log(Level.ERROR, "disk buffer of pipeline " + pipeline + ": cannot sync " + dir
                        + "; readers wait until it works again", e);
                lastForce = System.nanoTime();
                lastState = lastForce;
            } finally {
                lock.unlock();
            }
            due.forEach(Runnable::run);
        }
    }

    // ---- reading ------------------------------------------------------------------------

    /** The next record not yet handed out, waiting up to the timeout; null on timeout or close. */
    Record next(long timeout, TimeUnit unit) throws InterruptedException, IOException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (true) {
                if (closed) {
                    return null;
                }
                while (readSegment != null && readIndex >= readSegment.index.size() && readSegment != active) {
                    advanceReadSegment();
                }
                if (readSegment != null && readIndex < readSegment.index.size()) {
                    Segment s = readSegment;
                    int i = readIndex++;
                    long[] at = s.index.get(i);
                    byte[] payload = new byte[(int) at[1]];
                    readFully(channelOf(s), ByteBuffer.wrap(payload), at[0]);
                    try {
                        return new Record(s, i, EventCodec.decode(payload, 0, payload.length));
                    } catch (IllegalArgumentException e) {
                        corrupted.increment();
                        LOG.log(Level.WARNING, "disk buffer of pipeline " + pipeline + ": record " + i + " of " + s.file
                                + " cannot be decoded (" + e.getMessage() + "); skipped");
                        acknowledgeLocked(s, i);
                        continue;
                    }
                }
                if (nanos <= 0) {
                    return null;
                }
                nanos = changed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    private void advanceReadSegment() {
        Segment next = null;
        boolean found = false;
        for (Segment s : segments) {
            if (found) {
                next = s;
                break;
            }
            found = s == readSegment;
        }
        readSegment = next;
        readIndex = next == null ? 0 : next.ackedPrefix;
    }

    private FileChannel channelOf(Segment s) throws IOException {
        if (s.channel == null) {
            s.channel = FileChannel.open(s.file, StandardOpenOption.READ);
        }
        return s.channel;
    }

    /** Marks a record delivered; a segment whose records are all delivered is deleted. */
    void acknowledge(Record record) {
        lock.lock();
        try {
            acknowledgeLocked(record.segment(), record.index());
        } finally {
            lock.unlock();
        }
    }

    private void acknowledgeLocked(Segment s, int i) {
        if (s.deleted) {
            return;
        }
        s.acked.set(i);
        while (s.acked.get(s.ackedPrefix)) {
            s.ackedPrefix++;
        }
        stateDirty = true;
        tick.signalAll();
        deleteDeliveredSegments();
        changed.signalAll();
    }

    /** Deletes, from the oldest on, the segments (other than the one being written) whose records are all delivered. */
    private void deleteDeliveredSegments() {
        Segment head;
        while ((head = segments.peekFirst()) != null && head != active && head.ackedPrefix >= head.index.size()) {
            try {
                delete(head);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "disk buffer of pipeline " + pipeline + ": cannot delete " + head.file
                        + "; will try again", e);
                return;
            }
        }
    }

    private void delete(Segment s) throws IOException {
        if (s.deleted) {
            return;
        }
        if (s.channel != null) {
            s.channel.close();
            s.channel = null;
        }
        Files.deleteIfExists(s.file);
        s.deleted = true;
        if (readSegment == s) {
            advanceReadSegment();
        }
        segments.remove(s);
        totalBytes -= s.size;
        stateDirty = true;
    }

    private void writeState() throws IOException {
        Segment oldest = segments.peekFirst();
        Properties p = new Properties();
        p.setProperty("segment", Long.toString(oldest == null ? 0 : oldest.sequence));
        p.setProperty("acked", Integer.toString(oldest == null ? 0 : oldest.ackedPrefix));
        Path tmp = dir.resolve(STATE_FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            java.io.StringWriter w = new java.io.StringWriter();
            p.store(w, null);
            ch.write(ByteBuffer.wrap(w.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(STATE_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        stateDirty = false;
    }

    long bytes() {
        lock.lock();
        try {
            return totalBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Batches appended and not yet acknowledged. */
    long pendingRecords() {
        lock.lock();
        try {
            long n = 0;
            for (Segment s : segments) {
                n += s.index.size() - s.acked.cardinality();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        List<Runnable> due;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (active != null && active.channel != null) {
                active.channel.force(false);
            }
            due = new ArrayList<>(awaitingSync);
            awaitingSync.clear();
            writeState();
            changed.signalAll();
            tick.signalAll();
        } finally {
            lock.unlock();
        }
        due.forEach(Runnable::run);
        gauges.forEach(Metrics.Registration::close);
        try {
            syncer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            for (Segment s : segments) {
                if (s.channel != null) {
                    s.channel.close();
                    s.channel = null;
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
