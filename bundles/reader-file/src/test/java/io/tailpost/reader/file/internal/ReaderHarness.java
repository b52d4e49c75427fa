package io.tailpost.reader.file.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tailpost.sdk.testing.InMemoryMetrics;

/** Starts file readers on a test folder with fast rescans, and stops them all at the end. */
final class ReaderHarness implements AutoCloseable {
    final Path dir;
    final InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    final InMemoryMetrics metrics = new InMemoryMetrics();
    private final List<RotatingFileTailer> started = new ArrayList<>();

    ReaderHarness(Path dir) {
        this.dir = dir;
    }

    /** Starts reader {@code id} of {@code pattern} (relative to the folder) with these extra properties. */
    RotatingFileTailer start(String id, RecordingEmitter emitter, String pattern, Object... more) {
        return start(id, emitter, store, pattern, more);
    }

    RotatingFileTailer start(String id, RecordingEmitter emitter, InMemoryCheckpointStore checkpoints,
            String pattern, Object... more) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("paths", new String[] {dir + "/" + pattern});
        properties.put("rescan.interval", "50ms");
        for (int i = 0; i < more.length; i += 2) {
            properties.put((String) more[i], more[i + 1]);
        }
        RotatingFileTailer tailer = new RotatingFileTailer(FileReaderSettingsTest.config(properties));
        tailer.setMetrics(metrics);
        tailer.start(new TestReaderContext(id, emitter, checkpoints, state(id)));
        started.add(tailer);
        return tailer;
    }

    Path state(String id) {
        try {
            return Files.createDirectories(dir.resolve(".state").resolve(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void append(Path file, String text) throws IOException {
        append(file, text.getBytes(UTF_8));
    }

    static void append(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    static String checkpointKey(Path file) throws IOException {
        return Files.getAttribute(file, "unix:dev") + ":" + Files.getAttribute(file, "unix:ino");
    }

    /** The acknowledged offset of {@code file}, or -1. */
    long offset(Path file) throws IOException {
        String value = store.get(checkpointKey(file));
        return value == null ? -1 : FileCheckpoints.parseOffset(value);
    }

    @Override
    public void close() {
        started.forEach(RotatingFileTailer::stop);
    }
}
