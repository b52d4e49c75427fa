package io.tailpost.reader.file.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.reader.Acknowledgement;
import io.tailpost.sdk.reader.Emitter;
import io.tailpost.sdk.reader.ReaderContext;

/**
 * The reader thread's work for one start of a file reader: find files, follow them,
 * hand their lines to the pipeline, and wait for more.
 *
 * <p>Each turn reads every open file up to a few chunks (so one busy file does not starve
 * the others) and emits one batch per chunk, or more when a chunk holds more than
 * {@code batch_max_lines} lines. When no file had anything new it parks for the poll
 * interval; {@link #requestStop} with an unpark ends the wait at once. The patterns are
 * evaluated again every rescan interval. Files are known by {@link FileId}, so a rename
 * within the patterns is the same file, and a new file at an old path is a new one.
 *
 * <p>Everything here runs on the reader thread, except {@link #requestStop} and
 * {@link #openFiles}.
 */
final class TailLoop implements Runnable {
    private static final Logger LOG = System.getLogger(RotatingFileTailer.class.getName());
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    static final long CHECKPOINT_RETENTION_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final long MIN_DETACHED_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int READS_PER_TURN = 16;

    private final FileReaderSettings settings;
    private final ReaderContext context;
    private final Emitter emitter;
    private final String name;
    private final WarnOnce warnings;
    private final PathScanner scanner;
    private final FileCheckpoints checkpoints;
    private final Map<FileId, TailedFile> files = new LinkedHashMap<>();
    private final byte[] readArray;
    private final ByteBuffer readBuffer;
    private final LineBatcher batcher;
    private final long rescanNanos;
    private final long detachedGraceNanos;
    private volatile boolean running = true;
    private volatile int openFiles;

    TailLoop(FileReaderSettings settings, ReaderContext context) {
        this.settings = settings;
        this.context = context;
        this.emitter = context.emitter();
        this.name = "File reader '" + context.readerId() + "'";
        this.warnings = new WarnOnce(LOG, name);
        this.scanner = new PathScanner(settings.paths(), settings.exclude(), warnings);
        this.checkpoints = new FileCheckpoints(context.checkpoints(), CHECKPOINT_RETENTION_NANOS, System.nanoTime());
        this.readArray = new byte[settings.readBufferSize()];
        this.readBuffer = ByteBuffer.wrap(readArray);
        this.batcher = new LineBatcher(settings.batchMaxLines());
        this.rescanNanos = settings.rescanInterval().toNanos();
        this.detachedGraceNanos = Math.max(rescanNanos, MIN_DETACHED_GRACE_NANOS);
    }

    /** Asks the loop to end; the caller unparks the thread so it notices at once. */
    void requestStop() {
        running = false;
    }

    /** How many files are open, as of the last scan. */
    int openFiles() {
        return openFiles;
    }

    @Override
    public void run() {
        try {
            long now = System.nanoTime();
            scan(true, now);
            long nextScan = now + rescanNanos;
            while (keepGoing()) {
                boolean progressed = readAll();
                if (!keepGoing()) {
                    break;
                }
                now = System.nanoTime();
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
        for (Iterator<TailedFile> it = files.values().iterator(); it.hasNext() && running;) {
            TailedFile file = it.next();
            int reads = readFile(file, READS_PER_TURN);
            if (reads < 0) {
                it.remove();
                openFiles = files.size();
            } else if (reads > 0) {
                progressed = true;
            }
        }
        return progressed;
    }

    /**
     * Reads and emits up to {@code maxReads} chunks of {@code file}.
     *
     * @return how many chunks were read (0 at the end of the file), or -1 when the file
     *     failed and was closed
     */
    private int readFile(TailedFile file, int maxReads) throws InterruptedException {
        int reads = 0;
        try {
            while (reads < maxReads && running) {
                int n = file.read(readBuffer, System.nanoTime());
                if (n <= 0) {
                    long size = file.size();
                    long position = file.readPosition();
                    if (size >= position) {
                        return reads;
                    }
                    LOG.log(Level.INFO, name + ": " + file.source() + " was truncated (size " + size
                            + " < offset " + position + "); reading it again from the beginning");
                    file.restartAt(0);
                    // An empty batch moves the checkpoint back to 0 behind the batches in flight.
                    if (!emit(new ArrayList<>(0), checkpoints.ackAt(file.id(), 0, file.source()))) {
                        return reads;
                    }
                    continue;
                }
                reads++;
                batcher.begin(file.splitter(), file.source(), LogEvent.nowUnixNanos());
                file.splitter().feed(readArray, 0, n, batcher);
                batcher.end();
                if (!emitReady(file)) {
                    return reads;
                }
            }
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

    private boolean emitReady(TailedFile file) throws InterruptedException {
        for (LineBatcher.Batch batch = batcher.poll(); batch != null; batch = batcher.poll()) {
            if (!emit(batch.events(), checkpoints.ackAt(file.id(), batch.endOffset(), file.source()))) {
                batcher.clear();
                return false;
            }
        }
        return true;
    }

    private boolean emit(List<LogEvent> events, Acknowledgement ack) throws InterruptedException {
        if (emitter.emit(events, ack)) {
            return true;
        }
        LOG.log(Level.DEBUG, name + ": the pipeline is stopping; ending the read loop");
        running = false;
        return false;
    }

    /** Evaluates the patterns: opens new files, detaches and finally closes vanished ones. */
    private void scan(boolean initial, long now) throws InterruptedException {
        Map<FileId, Path> found = new LinkedHashMap<>();
        for (Path path : scanner.scan()) {
            try {
                found.putIfAbsent(FileId.of(path), path);
            } catch (NoSuchFileException e) {
                LOG.log(Level.DEBUG, name + ": " + path + " vanished while scanning");
            } catch (IOException e) {
                warnings.warn(path.toString(), "cannot examine " + path + ": " + PathScanner.describe(e));
            }
        }
        for (Iterator<TailedFile> it = files.values().iterator(); it.hasNext() && running;) {
            TailedFile file = it.next();
            if (found.containsKey(file.id())) {
                file.reattach();
            } else if (!file.isDetached()) {
                file.detach(now);
                LOG.log(Level.DEBUG, name + ": " + file.source() + " (" + file.id()
                        + ") was renamed or deleted; reading it to its end");
            } else if (file.isFinished(now, detachedGraceNanos)) {
                int reads = readFile(file, READS_PER_TURN);
                if (reads == 0 && running) {
                    finish(file);
                    it.remove();
                } else if (reads < 0) {
                    it.remove();
                }
            }
        }
        if (running) {
            for (Map.Entry<FileId, Path> e : found.entrySet()) {
                if (!files.containsKey(e.getKey())) {
                    open(e.getKey(), e.getValue(), initial, now);
                }
            }
            checkpoints.sweep(found.keySet(), Set.copyOf(files.keySet()), now);
        }
        openFiles = files.size();
    }

    /** Hands over a last line without newline of a file that is gone, then closes it. */
    private void finish(TailedFile file) throws InterruptedException {
        batcher.begin(file.splitter(), file.source(), LogEvent.nowUnixNanos());
        file.splitter().flush(batcher);
        batcher.end();
        emitReady(file);
        close(file);
        LOG.log(Level.DEBUG, name + ": closed " + file.source() + " (" + file.id() + ") at offset "
                + file.readPosition());
    }

    private void open(FileId id, Path path, boolean initial, long now) {
        String where = path.toString();
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            LOG.log(Level.DEBUG, name + ": " + where + " vanished before it could be opened");
            return;
        } catch (IOException e) {
            warnings.warn(where, "cannot open " + where + ": " + PathScanner.describe(e));
            return;
        }
        try {
            long size = channel.size();
            long start;
            long saved = checkpoints.offsetOf(id);
            if (saved > size) {
                LOG.log(Level.WARNING, name + ": checkpoint offset " + saved + " of " + where + " (" + id
                        + ") is beyond its size " + size + "; it was truncated, reading it from the beginning");
                start = 0;
            } else if (saved >= 0) {
                start = saved;
            } else if (initial && settings.startAtEnd()) {
                start = size;
                checkpoints.commitNow(id, size, where);
            } else {
                start = 0;
            }
            files.put(id, new TailedFile(id, path, channel, start, settings.maxLineBytes(), now));
            warnings.clear(where);
            LOG.log(Level.DEBUG, name + ": following " + where + " (" + id + ") from offset " + start);
        } catch (IOException e) {
            closeQuietly(channel, where);
            warnings.warn(where, "cannot open " + where + ": " + PathScanner.describe(e));
        }
    }

    private void close(TailedFile file) {
        try {
            file.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, name + ": closing " + file.source() + " failed: " + e.getMessage());
        }
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
            close(file);
        }
        files.clear();
        batcher.clear();
        openFiles = 0;
    }
}
