package io.tailpost.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.tailpost.benchmarks.PerSecondBenchmark;
import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.json.ByteArrayBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The disk buffer's hot path on one 1000-event batch: encoding it alone, and appending it
 * (encode, checksum, write) with fsync {@code never}. Each iteration appends to a fresh
 * buffer folder, deleted afterwards, so the disk holds at most one iteration's records.
 */
@State(Scope.Thread)
public class DiskBufferHotPathBenchmark extends PerSecondBenchmark {
    private static final Runnable NOTHING = () -> { };

    /** Folder the append benchmark writes under; empty: the temporary folder. */
    @Param("")
    public String dir;

    private List<LogEvent> batch;
    private ByteArrayBuilder out;
    private Path bufferDir;
    private DiskBuffer buffer;

    @Setup(Level.Trial)
    public void setUpBatch() {
        batch = DiskBufferData.batch();
        out = new ByteArrayBuilder(256 * 1024);
    }

    @Setup(Level.Iteration)
    public void openBuffer() throws IOException {
        Path base = Path.of(dir.isEmpty() ? System.getProperty("java.io.tmpdir") : dir);
        bufferDir = Files.createTempDirectory(base, "tailpost-diskbuffer-jmh");
        buffer = new DiskBuffer(bufferDir, new DiskBuffer.Settings(Long.MAX_VALUE / 2, 32L << 20,
                DiskBuffer.FullPolicy.BLOCK, DiskBuffer.SyncPolicy.NEVER, 1000), "bench", "sender", new MetricsRegistry());
    }

    @TearDown(Level.Iteration)
    public void deleteBuffer() throws IOException {
        buffer.close();
        DiskBufferBenchmark.deleteTree(bufferDir);
    }

    @Benchmark
    public int encode() {
        out.reset();
        EventCodec.encode(batch, out);
        return out.size();
    }

    @Benchmark
    public boolean append() throws IOException, InterruptedException {
        return buffer.append(batch, NOTHING);
    }
}
