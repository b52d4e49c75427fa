package io.tailpost.benchmarks;

import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The file reader end to end: finds the file, reads it from the beginning, splits lines,
 * builds events and batches, and hands them to a pipeline that acknowledges at once, until
 * the checkpoint reaches the end of the file. One operation reads the whole file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class FileReaderBenchmark {
    /** The file to read (made by {@link FileReaderBenchmarks} before the run). */
    @Param("")
    public String file;

    @Benchmark
    public long readFile() throws Exception {
        return ReaderBenchmarkSupport.readWholeFile(Path.of(file));
    }
}
