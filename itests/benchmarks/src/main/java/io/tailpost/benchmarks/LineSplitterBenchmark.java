package io.tailpost.benchmarks;

import java.util.concurrent.TimeUnit;

import io.tailpost.reader.file.internal.ReaderBenchmarkSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Line splitting alone: 64 MiB of log lines in memory, fed in read-sized chunks. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class LineSplitterBenchmark {
    /** Size of the data split per operation. */
    public static final int DATA_BYTES = 64 * 1024 * 1024;

    @Param({"65536"})
    public int chunk;

    private byte[] data;

    @Setup
    public void setUp() {
        data = LogData.generate(DATA_BYTES);
    }

    @Benchmark
    public long split() {
        return ReaderBenchmarkSupport.splitLines(data, chunk);
    }
}
