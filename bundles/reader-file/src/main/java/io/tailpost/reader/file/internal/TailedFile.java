package io.tailpost.reader.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One open file being followed: its identity, channel and line state. The read position
 * is the splitter's consumed position plus its pending bytes.
 *
 * <p>A file is <em>detached</em> when no scan finds its identity any more (renamed out of
 * the patterns, replaced, deleted). It is still read through its open channel, and closed
 * once it has been at its end, without growing, for a grace period, so that lines a
 * writer adds just after a rotation are not lost.
 */
final class TailedFile {
    private final FileId id;
    private final Path path;
    private final String source;
    private final FileChannel channel;
    private final LineSplitter splitter;
    private boolean atEnd;
    private boolean detached;
    private long detachedSinceNanos;
    private long lastDataNanos;

    TailedFile(FileId id, Path path, FileChannel channel, long startOffset, int maxLineBytes, long nowNanos) {
        this.id = id;
        this.path = path;
        this.source = path.toString();
        this.channel = channel;
        this.splitter = new LineSplitter(maxLineBytes, startOffset);
        this.lastDataNanos = nowNanos;
    }

    FileId id() {
        return id;
    }

    Path path() {
        return path;
    }

    /** The path as opened, shared by every event of the file. */
    String source() {
        return source;
    }

    LineSplitter splitter() {
        return splitter;
    }

    /** The offset of the next byte to read. */
    long readPosition() {
        return splitter.position() + splitter.pendingLength();
    }

    /** Reads at the read position; -1 at the end of the file. */
    int read(ByteBuffer buffer, long nowNanos) throws IOException {
        buffer.clear();
        int n = channel.read(buffer, readPosition());
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

    /** Starts again from {@code offset}, forgetting a pending partial line. */
    void restartAt(long offset) {
        splitter.reset(offset);
    }

    boolean isDetached() {
        return detached;
    }

    void detach(long nowNanos) {
        if (!detached) {
            detached = true;
            detachedSinceNanos = nowNanos;
        }
    }

    /** A scan found the file again (e.g. renamed back into the patterns). */
    void reattach() {
        detached = false;
    }

    /** Whether a detached file is done: at its end and quiet for {@code graceNanos}. */
    boolean isFinished(long nowNanos, long graceNanos) {
        return detached && atEnd && nowNanos - lastDataNanos >= graceNanos && nowNanos - detachedSinceNanos >= graceNanos;
    }

    void close() throws IOException {
        channel.close();
    }
}
