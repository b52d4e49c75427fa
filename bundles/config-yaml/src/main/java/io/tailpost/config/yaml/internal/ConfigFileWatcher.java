package io.tailpost.config.yaml.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls one file on a single background thread and reports its content whenever the
 * SHA-256 of the content differs from the last one seen (at the first check, too). An
 * unreadable file is reported once until it can be read again.
 */
final class ConfigFileWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConfigFileWatcher.class.getName());

    private final Path file;
    private final Duration interval;
    private final Consumer<byte[]> onChange;
    private final Consumer<IOException> onUnreadable;
    private final ScheduledExecutorService executor;

    private byte[] lastHash;
    private boolean unreadableReported;

    ConfigFileWatcher(Path file, Duration interval, Consumer<byte[]> onChange, Consumer<IOException> onUnreadable) {
        this.file = file;
        this.interval = interval;
        this.onChange = onChange;
        this.onUnreadable = onUnreadable;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tailpost-config-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks the file now and then every interval, on the watcher's thread. */
    void start() {
        long ms = interval.toMillis();
        executor.scheduleWithFixedDelay(this::checkSafely, 0, ms, TimeUnit.MILLISECONDS);
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task: log it and keep watching.
            LOG.log(Level.ERROR, "checking configuration " + file + " failed", e);
        }
    }

    /** One poll; runs only on the watcher's thread (or in tests, before {@link #start()}). */
    void check() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            if (!unreadableReported) {
                unreadableReported = true;
                onUnreadable.accept(e);
            }
            return;
        }
        unreadableReported = false;
        byte[] hash = sha256(content);
        if (!Arrays.equals(hash, lastHash)) {
            lastHash = hash;
            onChange.accept(content);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "the configuration watcher did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
