package io.tailpost.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

import io.tailpost.sdk.config.Units;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the file reader benchmarks and prints their rates beside {@code wc -l} on the same
 * file in the same run:
 *
 * <pre>java -jar itests/benchmarks/target/benchmarks.jar [FILE [SIZE]]</pre>
 *
 * FILE (default {@code benchmark-1GiB.log} in the temporary folder) is written with
 * log-like lines when it does not have SIZE bytes (default {@code 1GiB}), then read once
 * so it sits in the page cache. The results go to standard output.
 */
public final class FileReaderBenchmarks {
    private static final Logger LOG = System.getLogger(FileReaderBenchmarks.class.getName());
    private static final double MIB = 1024.0 * 1024.0;

    private FileReaderBenchmarks() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, RunnerException {
        Path file = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir") + "/benchmark-1GiB.log");
        long size = Units.parseSize(args.length > 1 ? args[1] : "1GiB");
        prepare(file, size);
        double wcBefore = wcRate(file, size);

        Options options = new OptionsBuilder()
                .include(LineSplitterBenchmark.class.getSimpleName())
                .include(FileReaderBenchmark.class.getSimpleName())
                .param("file", file.toAbsolutePath().toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double wcAfter = wcRate(file, size);
        double wc = Math.max(wcBefore, wcAfter);

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%n%-34s %10s%n", "on " + file + " (" + size / (long) MIB + " MiB)",
                "MiB/s"));
        report.append(String.format(Locale.ROOT, "%-34s %10.0f%n", "wc -l (best of 6)", wc));
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double millis = r.getPrimaryResult().getScore();
            boolean splitter = name.endsWith("split");
            double bytes = splitter ? LineSplitterBenchmark.DATA_BYTES : size;
            double rate = bytes / MIB / (millis / 1000.0);
            report.append(String.format(Locale.ROOT, "%-34s %10.0f   (%.2f x wc -l)%n",
                    splitter ? "line splitting (in memory)" : "file reader end to end", rate, rate / wc));
        }
        System.out.print(report);
    }

    private static void prepare(Path file, long size) throws IOException {
        if (!Files.exists(file) || Files.size(file) != size) {
            LOG.log(Level.INFO, "writing " + size + " bytes of log lines to " + file);
            byte[] block = LogData.generate(16 * 1024 * 1024);
            try (OutputStream out = Files.newOutputStream(file)) {
                long left = size;
                while (left > 0) {
                    int n = (int) Math.min(block.length, left);
                    out.write(block, 0, n);
                    left -= n;
                }
            }
        }
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            while (in.read(buffer) >= 0) {
                // Reading it once puts it in the page cache.
                continue;
            }
        }
    }

    /** The best rate of three runs of {@code wc -l FILE}, in MiB/s. */
    private static double wcRate(Path file, long size) throws IOException, InterruptedException {
        double best = 0;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder("wc", "-l", file.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IOException("wc -l " + file + " failed with exit code " + p.exitValue());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, size / MIB / seconds);
        }
        return best;
    }
}
