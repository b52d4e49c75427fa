package io.tailpost.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.json.ByteArrayBuilder;
import io.tailpost.sdk.json.EventJson;

/**
 * Where batches that a destination refused for good are kept: one NDJSON file per
 * pipeline and sender under {@code <data>/dead-letter/} unless the sender names another
 * ({@code dead_letter: PATH}), each line
 * {@code {"time":..,"pipeline":..,"sender":..,"reason":..,"event":{..}}}, forced to disk.
 */
final class DeadLetters {
    private final Path dataDir;
    private final Path defaultFile;
    private volatile Path file;
    private final String pipeline;
    private final String senderId;

    DeadLetters(Path dataDir, String pipeline, String senderId) {
        this.dataDir = dataDir;
        this.defaultFile = dataDir.resolve("dead-letter").resolve(pipeline + "." + senderId + ".ndjson");
        this.file = defaultFile;
        this.pipeline = pipeline;
        this.senderId = senderId;
    }

    /** Writes to {@code path} (relative to the data directory) from now on; null or empty: the default file. */
    void useFile(String path) {
        file = path == null || path.isBlank() ? defaultFile : dataDir.resolve(path).toAbsolutePath().normalize();
    }

    Path file() {
        return file;
    }

    synchronized void write(List<LogEvent> batch, String reason) throws IOException {
        Path file = this.file;
        ByteArrayBuilder out = new ByteArrayBuilder(1024 + batch.size() * 256);
        long now = LogEvent.nowUnixNanos();
        for (LogEvent e : batch) {
            out.writeAscii("{\"time\":\"");
            EventJson.writeTimestamp(now, out);
            out.writeAscii("\",\"pipeline\":");
            EventJson.writeString(pipeline, out);
            out.writeAscii(",\"sender\":");
            EventJson.writeString(senderId, out);
            out.writeAscii(",\"reason\":");
            EventJson.writeString(reason, out);
            out.writeAscii(",\"event\":");
            EventJson.writeEvent(e, out);
            out.writeAscii("}\n");
        }
        Files.createDirectories(file.getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(out.array(), 0, out.size());
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        }
    }
}
