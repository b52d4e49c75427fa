package io.tailpost.reader.file.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One file being followed: its identity, line state and, while it is open, its channel.
 * The read position is the splitter's consumed position plus its pending bytes.
 *
 * <p>A file may be closed while still followed (more files than {@code max_open_files}):
 * its line state stays, and it is opened again when a scan sees it changed. A file is
 * <em>detached</em> when no scan finds its identity any more (renamed out of the patterns,
 * replaced, deleted): it is still read through its open channel, and closed once it has
 * been at its end without growing for the idle timeout, so that lines a writer adds just
 * after a rotation are not lost.
 */
final class TailedFile {
    private final FileId id;
    private final String source;
    private final boolean foundAtStart;
    private Path path;
    private FileChannel channel;
    private LineSplitter splitter;
    private Multiline.Group group;
    private long nextLineStart;
    private Fingerprint fingerprint = Fingerprint.NONE;
    private boolean started;
    private boolean atEnd;
    private boolean detached;
    private boolean queued;
    private long detachedSinceNanos;
    private long lastDataNanos;
    private long openedNanos;
    private volatile long lag;
    private ReaderMetrics.Gauge lagGauge;

    TailedFile(FileId id, Path path, boolean foundAtStart, long nowNanos) {
        this.id = id;
        this.path = path;
        this.source = path.toString();
        this.foundAtStart = foundAtStart;
        this.lastDataNanos = nowNanos;
    }

    FileId id() {
        return id;
    }

    /** Where the file is now, as of the last scan that saw it. */
    Path path() {
        return path;
    }

    void movedTo(Path now) {
        path = now;
    }

    /** The path as first seen, shared by every event of the file. */
    String source() {
        return source;
    }

    boolean foundAtStart() {
        return foundAtStart;
    }

    /** Whether the start position was chosen (the file was opened once). */
    boolean started() {
        return started;
    }

    void start(LineSplitter newSplitter, long offset) {
        splitter = newSplitter;
        nextLineStart = offset;
        started = true;
    }

    LineSplitter splitter() {
        return splitter;
    }

    Multiline.Group group() {
        if (group == null) {
            group = new Multiline.Group();
        }
        return group;
    }

    boolean hasGroup() {
        return group != null && !group.isEmpty();
    }

    long nextLineStart() {
        return nextLineStart;
    }

    void setNextLineStart(long offset) {
        nextLineStart = offset;
    }

    Fingerprint fingerprint() {
        return fingerprint;
    }

    void setFingerprint(Fingerprint fp) {
        fingerprint = fp;
    }

    boolean isOpen() {
        return channel != null;
    }

    FileChannel channel() {
        return channel;
    }

    void opened(FileChannel ch, long nowNanos) {
        channel = ch;
        openedNanos = nowNanos;
        atEnd = false;
    }

    long openedNanos() {
        return openedNanos;
    }

    boolean queued() {
        return queued;
    }

    void setQueued(boolean q) {
        queued = q;
    }

    /** The offset of the next byte to read. */
    long readPosition() {
        return splitter.position() + splitter.pendingLength();
    }

    /**
     * Reads at the read position (through {@code scratch}, see {@link LineSplitter#read})
     * and hands the complete lines to {@code sink}; -1 at the end of the file.
     */
    int readLines(byte[] scratch, LineSplitter.LineSink sink, long nowNanos) throws IOException {
        int n = splitter.read(channel, scratch, sink);
        if (n > 0) {
            atEnd = false;
            lastDataNanos = nowNanos;
        } else {
            atEnd = true;
        }
        return n;
    }

    long size() throws IOException {
        return channel.size();
    }

    boolean atEnd() {
        return atEnd;
    }

    long lastDataNanos() {
        return lastDataNanos;
    }

    /** Starts again from {@code offset}, forgetting a pending partial line and group. */
    void restartAt(long offset) {
        splitter.reset(offset);
        nextLineStart = offset;
        if (group != null) {
            group.clear();
        }
    }

    boolean isDetached() {
        return detached;
    }

    /** Marks the file detached; whether it was attached before. */
    boolean detach(long nowNanos) {
        if (!detached) {
            detached = true;
            detachedSinceNanos = nowNanos;
            return true;
        }
        return false;
    }

    /** A scan found the file again (e.g. renamed back into the patterns). */
    void reattach() {
        detached = false;
    }

    /** Whether a detached file is done: at its end and quiet for {@code idleNanos}. */
    boolean isFinished(long nowNanos, long idleNanos) {
        return detached && atEnd && nowNanos - lastDataNanos >= idleNanos && nowNanos - detachedSinceNanos >= idleNanos;
    }

    /** Bytes not yet read, as of the last read or scan. */
    long lag() {
        return lag;
    }

    void setLag(long bytes) {
        lag = Math.max(0, bytes);
    }

    void setLagGauge(ReaderMetrics.Gauge gauge) {
        lagGauge = gauge;
    }

    /** Closes the channel; the line state stays. */
    void closeChannel() throws IOException {
        FileChannel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close();
        }
    }

    /** Closes the channel and removes the gauge: the file is no longer followed. */
    void close() throws IOException {
        if (lagGauge != null) {
            lagGauge.close();
            lagGauge = null;
        }
        closeChannel();
    }
}
