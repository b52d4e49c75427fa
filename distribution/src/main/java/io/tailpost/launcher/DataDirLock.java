package io.tailpost.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the data folder, held while the agent runs. Two agents on one data
 * folder would read the same files from the same checkpoints and send everything twice; the
 * framework's own cache lock does not prevent that, because a cache that is cleaned at start
 * loses its lock file.
 */
final class DataDirLock implements AutoCloseable {

    /** Name of the lock file inside the data folder. */
    static final String FILE_NAME = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, creating the data folder when needed.
     *
     * @param dataDir the data folder
     * @return the held lock
     * @throws IOException when the folder cannot be written or another process holds the lock
     *                     (the message says which)
     */
    static DataDirLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            channel.close();
            throw new IOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another TailPost agent is running with the data folder " + dataDir
                    + " (" + file + " is locked)");
        }
        return new DataDirLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
