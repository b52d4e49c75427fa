package io.tailpost.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.tailpost.benchmarks.PerSecondBenchmark;
import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.sender.SendOutcome;
import io.tailpost.sdk.sender.Sender;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Batch building: chunks of events as a reader emits them go into a sender lane, whose own
 * thread forms 1000-event batches, hands each to a sender that answers at once and
 * releases the chunks. One operation offers one chunk of {@link #chunkEvents} events; with
 * the lane full, offers run at the rate the lane forms and finishes batches, so events per
 * second are operations per second times {@code chunkEvents}.
 */
@State(Scope.Benchmark)
public class BatchBuildingBenchmark extends PerSecondBenchmark {
    private static final Runnable NOTHING = () -> { };
    private static final Sender ANSWERS_AT_ONCE = batch -> CompletableFuture.completedFuture(SendOutcome.delivered());

    /** Events per offered chunk (the file reader emits a few hundred lines per read). */
    @Param({"250"})
    public int chunkEvents;

    private List<List<LogEvent>> chunks;
    private long[] chunkBytes;
    private int next;
    private Path dataDir;
    private SenderLane lane;

    @Setup(Level.Trial)
    public void startLane() throws IOException {
        List<LogEvent> events = DiskBufferData.batch();
        chunks = new ArrayList<>();
        for (int from = 0; from < events.size(); from += chunkEvents) {
            chunks.add(events.subList(from, Math.min(events.size(), from + chunkEvents)));
        }
        chunkBytes = chunks.stream().mapToLong(Chunk::bytesOf).toArray();
        dataDir = Files.createTempDirectory("tailpost-batching-jmh");
        lane = new SenderLane("bench", "s", "bench", PipelineSettings.DEFAULT_MAX_EVENTS,
                new DeadLetters(dataDir, "bench", "s"), new MetricsRegistry());
        lane.setSender(ANSWERS_AT_ONCE, SenderSettings.DEFAULTS);
        lane.start();
    }

    @TearDown(Level.Trial)
    public void stopLane() throws IOException {
        lane.close(1000);
        Files.deleteIfExists(dataDir);
    }

    @Benchmark
    public boolean offerChunk() throws InterruptedException {
        int i = next;
        next = i + 1 == chunks.size() ? 0 : i + 1;
        Chunk chunk = new Chunk(chunks.get(i), chunkBytes[i], NOTHING);
        boolean taken = lane.offer(chunk, chunk.events);
        chunk.release();
        return taken;
    }
}
