package io.tailpost.reader.file.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.metrics.Metrics;
import io.tailpost.sdk.reader.Acknowledgement;
import io.tailpost.sdk.reader.Emitter;
import io.tailpost.sdk.reader.ReaderContext;

/**
 * The reader thread's work for one start of a file reader: find files, follow them,
 * hand their lines to the pipeline, and wait for more. One thread per reader, whatever
 * the number of files.
 *
 * <p>Each turn reads every open file up to a few chunks (so one busy file does not starve
 * the others) and emits one batch per chunk, or more when a chunk holds more than
 * {@code batch_max_lines} lines. At most {@code max_open_files} files are open: files
 * waiting to be opened (new, or seen to grow while closed) take the place of open files
 * at their end, or of files that had the handle for a while, so every file gets its turn.
 * When no file had anything new the loop parks for the poll interval; {@link #requestStop}
 * with an unpark ends the wait at once. The patterns are evaluated again every rescan
 * interval. Files are known by {@link FileId} plus {@link Fingerprint}, so a rename within
 * the patterns is the same file, and a new file at an old path (or an old inode) is a new one.
 *
 * <p>Everything here runs on the reader thread, except {@link #requestStop} and the
 * gauges.
 */
final class TailLoop implements Runnable {
    private static final Logger LOG = System.getLogger(RotatingFileTailer.class.getName());
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    static final long CHECKPOINT_RETENTION_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final long TIME_SLICE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int READS_PER_TURN = 16;

    private final FileReaderSettings settings;
    private final ReaderContext context;
    private final Emitter emitter;
    /** Where reads land before their complete lines are copied out (reader thread only). */
    private final byte[] readArray;
    private final String name;
    private final WarnOnce warnings;
    private final PathScanner scanner;
    private final FileCheckpoints checkpoints;
    private final KnownFiles known;
    private final ReaderMetrics metrics;
    private final Map<FileId, TailedFile> files = new LinkedHashMap<>();
    private final ArrayDeque<TailedFile> waiting = new ArrayDeque<>();
    private final LineBatcher batcher;
    private final long rescanNanos;
    private final long closeIdleNanos;
    private final long partialFlushNanos;
    private final long multilineTimeoutNanos;
    private final long flushNanos;
    private volatile boolean running = true;
    private volatile int openFiles;
    private volatile int watchedFiles;
    private int open;
    private boolean acked;

    TailLoop(FileReaderSettings settings, ReaderContext context) {
        this(settings, context, () -> null);
    }

    TailLoop(FileReaderSettings settings, ReaderContext context, Supplier<Metrics> metricsSource) {
        this.settings = settings;
        this.context = context;
        this.emitter = context.emitter();
        this.readArray = new byte[settings.readBufferSize()];
        this.name = "File reader '" + context.readerId() + "'";
        this.metrics = new ReaderMetrics(metricsSource, context.pipeline(), context.readerId());
        this.warnings = new WarnOnce(LOG, name, () -> metrics.count(ReaderMetrics.ERRORS, 1),
                problem -> context.reportProblem(problem));
        this.scanner = new PathScanner(settings.paths(), settings.exclude(), settings.followSymlinks(), warnings);
        this.known = knownFiles(context);
        this.checkpoints = new FileCheckpoints(context.checkpoints(), known,
                context.pipeline() + "/" + context.readerId(), CHECKPOINT_RETENTION_NANOS, System.nanoTime());
        this.batcher = new LineBatcher(settings.batchMaxLines(), settings.encoding(), settings.multiline());
        this.rescanNanos = settings.rescanInterval().toNanos();
        this.closeIdleNanos = settings.closeIdleAfter().toNanos();
        this.partialFlushNanos = settings.partialLineFlush().toNanos();
        this.multilineTimeoutNanos = settings.multiline() == null ? 0 : settings.multiline().timeoutNanos();
        this.flushNanos = settings.checkpointFlushInterval().toNanos();
        metrics.gauge(ReaderMetrics.OPEN, () -> openFiles);
        metrics.gauge(ReaderMetrics.WATCHED, () -> watchedFiles);
    }

    private KnownFiles knownFiles(ReaderContext context) {
        try {
            Path state = context.stateDirectory();
            Path parent = state == null ? null : state.toAbsolutePath().getParent();
            return parent == null ? null : KnownFiles.in(parent);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + ": no state directory (" + e.getMessage()
                    + "); positions are kept per reader id only");
            return null;
        }
    }

    /** Asks the loop to end; the caller unparks the thread so it notices at once. */
    void requestStop() {
        running = false;
    }

    /** How many files are open now. */
    int openFiles() {
        return openFiles;
    }

    /** How many files are followed (open or waiting for their turn). */
    int watchedFiles() {
        return watchedFiles;
    }

    @Override
    public void run() {
        try {
            long now = System.nanoTime();
            scan(true, now);
            long nextScan = now + rescanNanos;
            long nextFlush = now + flushNanos;
            while (keepGoing()) {
                boolean progressed = readAll();
                progressed |= openWaiting();
                if (!keepGoing()) {
                    break;
                }
                now = System.nanoTime();
                if (now - nextFlush >= 0) {
                    flushCheckpoints();
                    nextFlush = now + flushNanos;
                }
                if (now - nextScan >= 0) {
                    scan(false, now);
                    nextScan = now + rescanNanos;
                } else if (!progressed) {
                    LockSupport.parkNanos(this, Math.min(POLL_NANOS, nextScan - now));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, name + " stopped after an unexpected error; its files are no longer read", e);
        } finally {
            closeAll();
        }
    }

    private boolean keepGoing() {
        return running && !Thread.currentThread().isInterrupted() && context.isRunning();
    }

    /** Reads a few chunks of every open file; whether anything was read. */
    private boolean readAll() throws InterruptedException {
        boolean progressed = false;
        long now = System.nanoTime();
        for (Iterator<TailedFile> it = files.values().iterator(); it.hasNext() && running;) {
            TailedFile file = it.next();
            if (!file.isOpen()) {
                continue;
            }
            int reads = readFile(file, READS_PER_TURN);
            if (reads < 0) {
                forget(file);
                it.remove();
            } else if (reads > 0) {
                progressed = true;
            } else if (file.isFinished(now, closeIdleNanos)) {
                finish(file);
                forget(file);
                it.remove();
            }
        }
        updateCounts();
        return progressed;
    }

    /**
     * Reads and emits up to {@code maxReads} chunks of {@code file}; at its end, hands over
     * a partial line or multi-line event that waited long enough.
     *
     * @return how many chunks were read (0 at the end of the file), or -1 when the file
     *     failed and was closed
     */
    private int readFile(TailedFile file, int maxReads) throws InterruptedException {
        int reads = 0;
        try {
            if (file.atEnd() && file.fingerprint().length() > 0 && file.size() > file.readPosition()
                    && !file.fingerprint().matches(file.channel())) {
                // Truncated and grown again since the last look (copytruncate): not more of the same file.
                truncated(file, "its first bytes changed");
                if (!emit(new ArrayList<>(0), ackAt(file, 0))) {
                    return 0;
                }
            }
            while (reads < maxReads && running) {
                long now = System.nanoTime();
                batcher.begin(file, LogEvent.nowUnixNanos(), now);
                int n = file.readLines(readArray, batcher, now);
                batcher.end();
                if (n <= 0) {
                    long size = file.size();
                    long position = file.readPosition();
                    if (size < position) {
                        truncated(file, "size " + size + " < offset " + position);
                        if (!emit(new ArrayList<>(0), ackAt(file, 0))) {
                            return reads;
                        }
                        continue;
                    }
                    file.setLag(0);
                    flushWaiting(file, now);
                    return reads;
                }
                reads++;
                refreshFingerprint(file);
                if (!emitReady(file)) {
                    return reads;
                }
            }
            file.setLag(file.size() - file.readPosition());
            return reads;
        } catch (ClosedByInterruptException e) {
            LOG.log(Level.DEBUG, name + ": reading " + file.source() + " interrupted");
            close(file);
            return -1;
        } catch (IOException e) {
            warnings.warn(file.source(), "cannot read " + file.source() + " at offset "
                    + file.readPosition() + ": " + PathScanner.describe(e) + "; closing it until the next scan");
            close(file);
            return -1;
        }
    }

    private void truncated(TailedFile file, String why) throws IOException {
        LOG.log(Level.INFO, name + ": " + file.source() + " was truncated (" + why + ", read up to offset "
                + file.readPosition() + "); reading it again from the beginning");
        metrics.count(ReaderMetrics.TRUNCATIONS, 1);
        file.restartAt(0);
        file.setFingerprint(Fingerprint.of(file.channel(), settings.fingerprintBytes()));
    }

    /** At the end of a file: a partial line or a multi-line event that waited long enough goes out. */
    private void flushWaiting(TailedFile file, long now) throws InterruptedException {
        boolean partial = partialFlushNanos > 0 && file.splitter().pendingLength() > 0
                && now - file.lastDataNanos() >= partialFlushNanos;
        boolean group = multilineTimeoutNanos >= 0 && file.hasGroup()
                && now - file.group().lastLineNanos() >= multilineTimeoutNanos;
        if (!partial && !group) {
            return;
        }
        batcher.begin(file, LogEvent.nowUnixNanos(), now);
        if (partial) {
            file.splitter().flush(batcher);
        }
        batcher.flushGroup();
        batcher.end();
        emitReady(file);
    }

    /** Widens a young file's fingerprint as the file grows, up to the configured length. */
    private void refreshFingerprint(TailedFile file) throws IOException {
        Fingerprint fp = file.fingerprint();
        if (fp.length() < settings.fingerprintBytes() && file.readPosition() > fp.length()) {
            file.setFingerprint(Fingerprint.of(file.channel(), settings.fingerprintBytes()));
        }
    }

    private boolean emitReady(TailedFile file) throws InterruptedException {
        for (LineBatcher.Batch batch = batcher.poll(); batch != null; batch = batcher.poll()) {
            if (!emit(batch.events(), ackAt(file, batch.endOffset()))) {
                batcher.clear();
                return false;
            }
        }
        return true;
    }

    private Acknowledgement ackAt(TailedFile file, long offset) {
        acked = true;
        return checkpoints.ackAt(file.id(), offset, file.fingerprint(), file.source());
    }

    private boolean emit(List<LogEvent> events, Acknowledgement ack) throws InterruptedException {
        if (emitter.emit(events, ack)) {
            return true;
        }
        LOG.log(Level.DEBUG, name + ": the pipeline is stopping; ending the read loop");
        running = false;
        return false;
    }

    private void updateCounts() {
        long[] counts = batcher.takeCounts();
        metrics.count(ReaderMetrics.LINES_SPLIT, counts[0]);
        metrics.count(ReaderMetrics.LINES_TRUNCATED, counts[1]);
        metrics.count(ReaderMetrics.ENCODING_ERRORS, counts[2]);
    }

    private void flushCheckpoints() {
        if (!acked) {
            return;
        }
        acked = false;
        try {
            context.checkpoints().flush();
        } catch (IOException e) {
            warnings.warn("checkpoints", "cannot write checkpoints: " + PathScanner.describe(e));
        }
        if (known != null) {
            known.flush();
        }
    }

    /** Opens files waiting for their turn while handles are free or can be taken back. */
    private boolean openWaiting() {
        boolean opened = false;
        long now = System.nanoTime();
        while (!waiting.isEmpty() && running) {
            if (open >= settings.maxOpenFiles() && !evictOne(now)) {
                break;
            }
            TailedFile file = waiting.poll();
            file.setQueued(false);
            if (files.get(file.id()) != file || file.isOpen()) {
                continue;
            }
            if (!open(file, now)) {
                forget(file);
                files.remove(file.id());
            } else {
                opened = true;
            }
        }
        openFiles = open;
        watchedFiles = files.size();
        return opened;
    }

    /**
     * Closes one open file to free its handle: preferably one at its end, else the one
     * that held its handle longest (at least a time slice). Detached files are never
     * closed early: they cannot be opened again.
     */
    private boolean evictOne(long now) {
        TailedFile victim = null;
        for (TailedFile f : files.values()) {
            if (!f.isOpen() || f.isDetached()) {
                continue;
            }
            if (f.atEnd()) {
                if (victim == null || !victim.atEnd() || f.lastDataNanos() < victim.lastDataNanos()) {
                    victim = f;
                }
            } else if (now - f.openedNanos() >= TIME_SLICE_NANOS && (victim == null
                    || (!victim.atEnd() && f.openedNanos() < victim.openedNanos()))) {
                victim = f;
            }
        }
        if (victim == null) {
            return false;
        }
        boolean more = !victim.atEnd();
        closeChannel(victim);
        if (more) {
            enqueue(victim);
        }
        return true;
    }

    private void enqueue(TailedFile file) {
        if (!file.queued()) {
            file.setQueued(true);
            waiting.add(file);
        }
    }

    /** Evaluates the patterns: follows new files, detaches vanished ones, queues closed files that changed. */
    private void scan(boolean initial, long now) throws InterruptedException {
        metrics.sync();
        Map<FileId, FileId.Observed> found = new LinkedHashMap<>();
        Map<FileId, Path> paths = new LinkedHashMap<>();
        for (Path path : scanner.scan()) {
            try {
                FileId.Observed o = FileId.observe(path);
                if (found.putIfAbsent(o.id(), o) == null) {
                    paths.put(o.id(), path);
                }
            } catch (NoSuchFileException e) {
                LOG.log(Level.DEBUG, name + ": " + path + " vanished while scanning");
            } catch (IOException e) {
                warnings.warn(path.toString(), "cannot examine " + path + ": " + PathScanner.describe(e));
            }
        }
        Map<Path, Map<FileId, Path>> siblings = new HashMap<>();
        for (Iterator<TailedFile> it = files.values().iterator(); it.hasNext() && running;) {
            TailedFile file = it.next();
            FileId.Observed seen = found.get(file.id());
            if (seen != null) {
                file.reattach();
                file.movedTo(paths.get(file.id()));
                if (file.isOpen()) {
                    checkRewritten(file);
                } else if (file.started() && seen.size() != file.readPosition()) {
                    file.setLag(seen.size() - file.readPosition());
                    enqueue(file);
                }
            } else if (file.isOpen()) {
                if (file.detach(now)) {
                    metrics.count(ReaderMetrics.ROTATIONS, 1);
                    LOG.log(Level.DEBUG, name + ": " + file.source() + " (" + file.id()
                            + ") was renamed or deleted; reading it to its end");
                }
            } else {
                Path moved = file.started() && !file.isDetached() ? findRenamed(file, siblings) : null;
                if (moved != null) {
                    // Rotated while its handle was lent to another file: drain it from where it is now.
                    LOG.log(Level.DEBUG, name + ": " + file.source() + " (" + file.id() + ") was renamed to "
                            + moved + " while closed; reading it to its end");
                    metrics.count(ReaderMetrics.ROTATIONS, 1);
                    file.movedTo(moved);
                    file.detach(now);
                    enqueue(file);
                } else if (!file.isDetached() || !file.queued()) {
                    LOG.log(Level.DEBUG, name + ": " + file.source() + " (" + file.id()
                            + ") is gone while it was closed; forgetting it");
                    if (!file.isDetached()) {
                        metrics.count(ReaderMetrics.ROTATIONS, 1);
                    }
                    forget(file);
                    it.remove();
                }
            }
        }
        if (running) {
            for (Map.Entry<FileId, Path> e : paths.entrySet()) {
                FileId id = e.getKey();
                if (files.containsKey(id)) {
                    continue;
                }
                String where = e.getValue().toString();
                if (!KnownFiles.claim(id, this)) {
                    warnings.warn("claim:" + id, where + " (" + id + ") is already read by another file reader; "
                            + "skipping it here (a file is read once in the agent)");
                    continue;
                }
                warnings.clear("claim:" + id);
                TailedFile file = new TailedFile(id, e.getValue(), initial, now);
                file.setLagGauge(metrics.fileGauge(ReaderMetrics.LAG, where, file::lag));
                file.setLag(found.get(id).size());
                files.put(id, file);
                enqueue(file);
            }
            checkpoints.sweep(found.keySet(), Set.copyOf(files.keySet()), now);
        }
        openFiles = open;
        watchedFiles = files.size();
    }

    /**
     * Where a closed file that left the patterns went, if it was renamed within its folder
     * (as rotation does: {@code app.log} to {@code app.log.1}) and still starts with the
     * bytes read before; else {@code null}. Each folder is listed once per scan.
     */
    private Path findRenamed(TailedFile file, Map<Path, Map<FileId, Path>> siblings) {
        Path folder = file.path().getParent();
        if (folder == null) {
            return null;
        }
        Path candidate = siblings.computeIfAbsent(folder, this::listIdentities).get(file.id());
        if (candidate == null) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(candidate, StandardOpenOption.READ)) {
            return file.fingerprint().matches(channel) ? candidate : null;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, name + ": cannot check " + candidate + ": " + PathScanner.describe(e));
            return null;
        }
    }

    private Map<FileId, Path> listIdentities(Path folder) {
        Map<FileId, Path> ids = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                try {
                    ids.putIfAbsent(FileId.of(entry), entry);
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, name + ": cannot examine " + entry + ": " + PathScanner.describe(e));
                }
            }
        } catch (NoSuchFileException e) {
            LOG.log(Level.DEBUG, name + ": " + folder + " is gone; files rotated in it while closed are not found");
        } catch (IOException e) {
            // Closed files that left the patterns from here cannot be followed: say so, it may lose lines.
            warnings.warn("list:" + folder, "cannot list " + folder + " to find files rotated while closed: "
                    + PathScanner.describe(e));
        }
        return ids;
    }

    /** An open file whose first bytes changed was rewritten from the start (copytruncate and regrowth). */
    private void checkRewritten(TailedFile file) {
        if (file.fingerprint().length() == 0 || file.isDetached()) {
            return;
        }
        try {
            if (!file.fingerprint().matches(file.channel())) {
                truncated(file, "its first bytes changed");
                emit(new ArrayList<>(0), ackAt(file, 0));
            }
        } catch (IOException e) {
            warnings.warn(file.source(), "cannot read the start of " + file.source() + ": " + PathScanner.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Opens a waiting file, choosing its start position on its first opening; whether it is open. */
    private boolean open(TailedFile file, long now) {
        Path path = file.path();
        String where = path.toString();
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            LOG.log(Level.DEBUG, name + ": " + where + " vanished before it could be opened");
            return false;
        } catch (IOException e) {
            warnings.warn(where, "cannot open " + where + ": " + PathScanner.describe(e));
            return false;
        }
        try {
            if (!FileId.of(path).equals(file.id())) {
                // Replaced between the scan and now: the next scan sees the new file.
                closeQuietly(channel, where);
                return false;
            }
            if (!file.started()) {
                begin(file, channel, where);
            } else if (!file.fingerprint().matches(channel)) {
                LOG.log(Level.INFO, name + ": " + where + " (" + file.id() + ") is not the file read before "
                        + "(its first bytes changed); reading it from the beginning");
                metrics.count(ReaderMetrics.TRUNCATIONS, 1);
                file.restartAt(0);
                file.setFingerprint(Fingerprint.of(channel, settings.fingerprintBytes()));
            }
            file.opened(channel, now);
            open++;
            warnings.clear(where);
            return true;
        } catch (IOException e) {
            closeQuietly(channel, where);
            warnings.warn(where, "cannot open " + where + ": " + PathScanner.describe(e));
            return false;
        }
    }

    private void begin(TailedFile file, FileChannel channel, String where) throws IOException {
        long size = channel.size();
        Fingerprint fp = Fingerprint.of(channel, settings.fingerprintBytes());
        FileCheckpoints.Position saved = checkpoints.positionOf(file.id());
        long start;
        if (saved != null && saved.fingerprint() != null && !saved.fingerprint().matches(channel)) {
            LOG.log(Level.INFO, name + ": " + where + " (" + file.id() + ") reuses the identity of a file read "
                    + "before but its first bytes differ; reading it from the beginning");
            start = 0;
        } else if (saved != null && saved.offset() > size) {
            LOG.log(Level.WARNING, name + ": checkpoint offset " + saved.offset() + " of " + where + " ("
                    + file.id() + ") is beyond its size " + size + "; it was truncated, reading it from the beginning");
            start = 0;
        } else if (saved != null) {
            start = saved.offset();
            if (saved.reader() != null) {
                LOG.log(Level.INFO, name + ": continuing " + where + " at offset " + start + ", where reader '"
                        + saved.reader() + "' left it");
            }
        } else if (file.foundAtStart() && settings.startAtEnd()) {
            start = size;
        } else {
            start = 0;
        }
        if (settings.encoding().unit() == 2) {
            start &= ~1L;
        }
        file.start(new LineSplitter(settings.maxLineBytes(), settings.truncateLongLines(), settings.encoding().unit(),
                settings.encoding().bigEndian(), start), start);
        file.setFingerprint(fp);
        if (saved == null && start > 0) {
            checkpoints.commitNow(file.id(), start, fp, file.source());
            acked = true;
        }
        LOG.log(Level.DEBUG, name + ": following " + where + " (" + file.id() + ") from offset " + start);
    }

    /** Hands over a last line without newline and a pending group of a file that is gone, then closes it. */
    private void finish(TailedFile file) throws InterruptedException {
        batcher.begin(file, LogEvent.nowUnixNanos(), System.nanoTime());
        file.splitter().flush(batcher);
        batcher.flushGroup();
        batcher.end();
        emitReady(file);
        LOG.log(Level.DEBUG, name + ": closed " + file.source() + " (" + file.id() + ") at offset "
                + file.readPosition());
    }

    /** Stops following {@code file}: closes it, removes its gauge, releases its claim. */
    private void forget(TailedFile file) {
        close(file);
        KnownFiles.release(file.id(), this);
    }

    private void closeChannel(TailedFile file) {
        if (!file.isOpen()) {
            return;
        }
        try {
            file.closeChannel();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, name + ": closing " + file.source() + " failed: " + e.getMessage());
        }
        open--;
    }

    private void close(TailedFile file) {
        closeChannel(file);
        try {
            file.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, name + ": closing " + file.source() + " failed: " + e.getMessage());
        }
        openFiles = open;
    }

    private void closeQuietly(FileChannel channel, String where) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, name + ": closing " + where + " failed: " + e.getMessage());
        }
    }

    private void closeAll() {
        for (TailedFile file : files.values()) {
            forget(file);
        }
        files.clear();
        waiting.clear();
        batcher.clear();
        openFiles = 0;
        watchedFiles = 0;
        metrics.closeAll();
        if (known != null) {
            known.flush();
        }
    }
}
