package io.tailpost.reader.file.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.reader.Acknowledgement;
import io.tailpost.sdk.reader.Emitter;
import io.tailpost.sdk.reader.ReaderContext;
import org.osgi.util.converter.Converters;

/**
 * Entry points into the file reader's package-private classes for the benchmarks: the
 * line splitter alone, and a whole reader over one file with a pipeline that takes and
 * acknowledges every batch at once.
 */
public final class ReaderBenchmarkSupport {
    private ReaderBenchmarkSupport() {
    }

    /** Splits {@code data} in chunks of {@code chunk} bytes; returns the number of lines. */
    public static long splitLines(byte[] data, int chunk) {
        long[] count = new long[1];
        LineSplitter splitter = new LineSplitter(1024 * 1024, 0);
        LineSplitter.LineSink sink = (a, off, len, flags) -> count[0]++;
        for (int i = 0; i < data.length; i += chunk) {
            splitter.feed(data, i, Math.min(chunk, data.length - i), sink);
        }
        return count[0];
    }

    /**
     * Reads {@code file} from its beginning with a file reader of default settings until
     * every byte is acknowledged; returns the number of events.
     */
    public static long readWholeFile(Path file) throws IOException, InterruptedException {
        // A fresh state folder each time, so no position recorded by an earlier run applies.
        Path stateDir = Files.createTempDirectory("tailpost-bench").resolve("bench");
        long size = Files.size(file);
        AtomicLong events = new AtomicLong();
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        Emitter emitter = new Emitter() {
            @Override
            public boolean emit(List<LogEvent> batch, Acknowledgement ack) {
                events.addAndGet(batch.size());
                if (ack != null) {
                    ack.acknowledged();
                }
                return true;
            }
        };
        Files.createDirectories(stateDir);
        ReaderContext context = new TestReaderContext("bench", emitter, store, stateDir);
        FileReaderConfig config = Converters.standardConverter()
                .convert(Map.of("paths", new String[] {file.toAbsolutePath().toString()}, "rescan.interval", "10ms"))
                .to(FileReaderConfig.class);
        RotatingFileTailer tailer = new RotatingFileTailer(config);
        tailer.start(context);
        try {
            while (true) {
                String value = store.entries().values().stream().findFirst().orElse(null);
                if (value != null && FileCheckpoints.parseOffset(value) >= size) {
                    return events.get();
                }
                Thread.onSpinWait();
                Thread.sleep(1);
            }
        } finally {
            tailer.stop();
        }
    }
}
