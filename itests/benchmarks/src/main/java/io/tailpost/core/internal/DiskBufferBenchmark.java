package io.tailpost.core.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.tailpost.sdk.LogEvent;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Disk-buffer throughput beside {@code dd} of the same volume to the same disk in the same
 * run, per fsync policy, plus the JMH figures of the hot path ({@link DiskBufferHotPathBenchmark}):
 *
 * <pre>java -cp itests/benchmarks/target/benchmarks.jar io.tailpost.core.internal.DiskBufferBenchmark [DIR [MiB]]</pre>
 *
 * DIR (default the temporary folder) receives a scratch folder, deleted at the end; MiB
 * (default 1024) is the message payload appended per policy and the volume {@code dd}
 * writes. Each policy appends 1000-event batches until that payload is in, waits until
 * the last batch is durable by its policy, then reads everything back (next and
 * acknowledge) right away, so the read-back is mostly served by the page cache, as is
 * {@code dd}'s. {@code dd} runs before and after the buffer; its best figures count. The
 * Markdown report goes to standard output.
 */
public final class DiskBufferBenchmark {
    private static final Logger LOG = System.getLogger(DiskBufferBenchmark.class.getName());
    private static final double MIB = 1024.0 * 1024.0;
    private static final long SEGMENT_BYTES = 32L << 20;
    private static final long INTERVAL_MILLIS = 1000;
    private static final Pattern DD_RESULT = Pattern.compile("(\\d+) bytes .*copied, ([0-9.eE+-]+) s");

    private DiskBufferBenchmark() {
    }

    /**
     * Write and read-back rates of one run, in MiB/s (payload NaN where there is none: dd),
     * and how long after the last append returned its batch was durable by the policy.
     */
    private record Rates(double writePayload, double writeDisk, double durableMillis, double readPayload,
            double readDisk) {
        Rates best(Rates other) {
            return new Rates(Math.max(writePayload, other.writePayload), Math.max(writeDisk, other.writeDisk),
                    durableMillis, Math.max(readPayload, other.readPayload), Math.max(readDisk, other.readDisk));
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException, RunnerException {
        Path base = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir")).toAbsolutePath();
        long mib;
        try {
            mib = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MiB must be a whole number of MiB, got '" + args[1] + "'", e);
        }
        if (mib <= 0) {
            throw new IllegalArgumentException("MiB must be positive, got " + mib);
        }
        Files.createDirectories(base);
        FileStore store = Files.getFileStore(base);
        long free = store.getUsableSpace();
        // The buffer's records are ~10% larger than their payload; the JMH append writes
        // what it can in one second per iteration.
        long needed = (long) (mib * MIB * 1.25) + (4L << 30);
        if (free < needed) {
            throw new IllegalStateException(base + " has " + free / (1L << 20) + " MiB free; this run needs about "
                    + needed / (1L << 20) + " MiB: give a smaller MiB or another DIR");
        }
        Path work = Files.createTempDirectory(base, "tailpost-diskbuffer-bench");
        try {
            report(args, base, store, free, mib, measure(work, mib));
        } finally {
            deleteTree(work);
        }
    }

    /** One policy's run: its rates, the events appended and the bytes its segment files held. */
    private record BufferRun(Rates rates, long events, long diskBytes) {
    }

    /** Everything measured, in table order. */
    private record Measured(List<String> names, List<Rates> rates, Rates ddSync, Rates ddCache, long events,
            double avgLine, long diskBytes, double encodeOps, double appendOps, long batchPayload, long recordBytes) {
    }

    private static Measured measure(Path work, long mib) throws IOException, InterruptedException, RunnerException {
        List<LogEvent> batch = DiskBufferData.batch();
        long batchPayload = DiskBufferData.payloadBytes(batch);
        long target = mib << 20;

        LOG.log(Level.INFO, "warming up the disk buffer code");
        runBuffer(work, DiskBuffer.SyncPolicy.NEVER, Math.min(target, 256L << 20), batch, batchPayload);
        Rates ddSync = dd(work, mib, true);
        Rates ddCache = dd(work, mib, false);

        List<String> names = new ArrayList<>();
        List<Rates> rates = new ArrayList<>();
        BufferRun run = null;
        for (DiskBuffer.SyncPolicy policy : DiskBuffer.SyncPolicy.values()) {
            names.add(policyName(policy));
            run = runBuffer(work, policy, target, batch, batchPayload);
            rates.add(run.rates());
        }
        ddSync = ddSync.best(dd(work, mib, true));
        ddCache = ddCache.best(dd(work, mib, false));

        LOG.log(Level.INFO, "running the JMH hot-path benchmarks");
        Options options = new OptionsBuilder()
                .include(DiskBufferHotPathBenchmark.class.getSimpleName())
                .param("dir", work.toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double encodeOps = Double.NaN;
        double appendOps = Double.NaN;
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            if (name.endsWith(".encode")) {
                encodeOps = r.getPrimaryResult().getScore();
            } else if (name.endsWith(".append")) {
                appendOps = r.getPrimaryResult().getScore();
            }
        }
        return new Measured(names, rates, ddSync, ddCache, run.events(), (double) batchPayload / batch.size(),
                run.diskBytes(), encodeOps, appendOps, batchPayload, DiskBufferData.recordBytes(batch));
    }

    private static String policyName(DiskBuffer.SyncPolicy policy) {
        return switch (policy) {
            case EVERY_BATCH -> "every_batch";
            case INTERVAL -> "interval " + INTERVAL_MILLIS + " ms";
            case NEVER -> "never";
        };
    }

    /**
     * Appends batches until {@code target} payload bytes are in and every batch is durable
     * by the policy, then reads and acknowledges every record.
     */
    private static BufferRun runBuffer(Path work, DiskBuffer.SyncPolicy policy, long target, List<LogEvent> batch,
            long batchPayload) throws IOException, InterruptedException {
        LOG.log(Level.INFO, "disk buffer, fsync " + policyName(policy) + ": writing " + (target >> 20)
                + " MiB of payload");
        Path dir = work.resolve("buffer-" + policy.name().toLowerCase(Locale.ROOT));
        DiskBuffer.Settings settings = new DiskBuffer.Settings(Long.MAX_VALUE / 2, SEGMENT_BYTES,
                DiskBuffer.FullPolicy.BLOCK, policy, INTERVAL_MILLIS);
        AtomicLong durable = new AtomicLong();
        Runnable onDurable = durable::incrementAndGet;
        long batches = 0;
        long diskBytes;
        double writeSeconds;
        double durableMillis;
        double readSeconds;
        try (DiskBuffer buffer = new DiskBuffer(dir, settings, "bench", "sender", new MetricsRegistry())) {
            long start = System.nanoTime();
            while (batches * batchPayload < target) {
                if (!buffer.append(batch, onDurable)) {
                    throw new IllegalStateException("the disk buffer in " + dir + " closed during the benchmark");
                }
                batches++;
            }
            long appended = System.nanoTime();
            writeSeconds = (appended - start) / 1e9;
            while (durable.get() < batches) {
                // The interval policy reports durability from its own thread, within a second.
                Thread.sleep(1);
            }
            durableMillis = (System.nanoTime() - appended) / 1e6;
            diskBytes = buffer.bytes();

            LOG.log(Level.INFO, "disk buffer, fsync " + policyName(policy) + ": reading back");
            long events = 0;
            long payload = 0;
            start = System.nanoTime();
            DiskBuffer.Record record;
            while ((record = buffer.next(0, TimeUnit.MILLISECONDS)) != null) {
                for (LogEvent e : record.events()) {
                    payload += e.messageLength();
                }
                events += record.events().size();
                buffer.acknowledge(record);
            }
            readSeconds = (System.nanoTime() - start) / 1e9;
            if (events != batches * batch.size() || payload != batches * batchPayload) {
                throw new IllegalStateException("read back " + events + " events / " + payload + " bytes from " + dir
                        + ", expected " + batches * batch.size() + " / " + batches * batchPayload);
            }
        }
        deleteTree(dir);
        double payloadMib = batches * batchPayload / MIB;
        double diskMib = diskBytes / MIB;
        Rates rates = new Rates(payloadMib / writeSeconds, diskMib / writeSeconds,
                policy == DiskBuffer.SyncPolicy.NEVER ? Double.NaN : durableMillis, payloadMib / readSeconds,
                diskMib / readSeconds);
        return new BufferRun(rates, batches * batch.size(), diskBytes);
    }

    /** {@code dd} of {@code mib} MiB of zeros to a file in {@code work}, then read back; the file is deleted. */
    private static Rates dd(Path work, long mib, boolean fdatasync) throws IOException, InterruptedException {
        Path file = work.resolve("dd.bin");
        List<String> write = new ArrayList<>(List.of("dd", "if=/dev/zero", "of=" + file, "bs=1M", "count=" + mib));
        if (fdatasync) {
            write.add("conv=fdatasync");
        }
        LOG.log(Level.INFO, String.join(" ", write));
        double writeRate = runDd(write, mib);
        double readRate = runDd(List.of("dd", "if=" + file, "of=/dev/null", "bs=1M"), mib);
        Files.delete(file);
        return new Rates(Double.NaN, writeRate, Double.NaN, Double.NaN, readRate);
    }

    /** Runs dd and returns its rate in MiB/s, from its own report (or the wall time when it has none). */
    private static double runDd(List<String> command, long mib) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LC_ALL", "C");
        long start = System.nanoTime();
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + p.exitValue() + ": "
                    + err.strip());
        }
        double wall = (System.nanoTime() - start) / 1e9;
        Matcher m = DD_RESULT.matcher(err);
        if (m.find()) {
            double seconds = Double.parseDouble(m.group(2));
            if (seconds > 0) {
                return Long.parseLong(m.group(1)) / MIB / seconds;
            }
        }
        return mib / wall;
    }

    private static void report(String[] args, Path base, FileStore store, long free, long mib, Measured m) {
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        out.append(nl).append("Disk buffer beside dd, ").append(mib).append(" MiB per run, in MiB/s").append(nl)
                .append(nl);
        out.append("| run | write, payload | write, disk | last batch durable after | read-back, payload"
                + " | read-back, disk | write / dd | read-back / dd |").append(nl);
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|").append(nl);
        for (int i = 0; i < m.names().size(); i++) {
            Rates r = m.rates().get(i);
            // every_batch and interval end with data on disk, like dd conv=fdatasync; never
            // leaves it in the page cache, like dd without it.
            boolean synced = !m.names().get(i).equals("never");
            Rates dd = synced ? m.ddSync() : m.ddCache();
            String durable = Double.isNaN(r.durableMillis()) ? "not synced"
                    : String.format(Locale.ROOT, "%.0f ms", r.durableMillis());
            out.append(String.format(Locale.ROOT, "| disk buffer, fsync %s | %.0f | %.0f | %s | %.0f | %.0f | %.2f (%s)"
                    + " | %.2f |", m.names().get(i), r.writePayload(), r.writeDisk(), durable, r.readPayload(), r.readDisk(),
                    r.writeDisk() / dd.writeDisk(), synced ? "fdatasync" : "page cache", r.readDisk() / dd.readDisk()))
                    .append(nl);
        }
        out.append(String.format(Locale.ROOT, "| dd bs=1M conv=fdatasync | – | %.0f | included | – | %.0f | 1 | 1 |",
                m.ddSync().writeDisk(), m.ddSync().readDisk())).append(nl);
        out.append(String.format(Locale.ROOT, "| dd bs=1M (page cache) | – | %.0f | not synced | – | %.0f | 1 | 1 |",
                m.ddCache().writeDisk(), m.ddCache().readDisk())).append(nl);

        out.append(nl).append("| hot path, one 1000-event batch (JMH) | ops/s | MiB/s payload | MiB/s record |")
                .append(nl).append("|---|---:|---:|---:|").append(nl);
        out.append(hotPathRow("EventCodec.encode (in memory)", m.encodeOps(), m)).append(nl);
        out.append(hotPathRow("DiskBuffer.append, fsync never", m.appendOps(), m)).append(nl);

        out.append(nl).append(String.format(Locale.ROOT, "Data: %d events of nginx access lines (%.0f bytes on"
                + " average), 1000 per batch, one source; %.0f MiB payload = %.0f MiB in segment files (%d-byte records"
                + " for %d payload bytes). Segments %d MiB. Write rates run until the last append returns (with"
                + " every_batch it is then on disk; with interval the last batch is on disk after the time shown);"
                + " read-back follows at once (page cache), as dd's read follows its write. dd writes zeros and counts"
                + " its final fdatasync; best of a run before and one after the buffer runs. Payload: message bytes;"
                + " disk: segment bytes.",
                m.events(), m.avgLine(), m.events() / 1000.0 * m.batchPayload() / MIB, m.diskBytes() / MIB,
                m.recordBytes(), m.batchPayload(), SEGMENT_BYTES >> 20)).append(nl);
        out.append(nl).append(String.format(Locale.ROOT, "Machine: %d cores, %s RAM, %s %s %s, Java %s; disk %s (%s)"
                + " at %s, %.1f GiB free before the run.",
                Runtime.getRuntime().availableProcessors(), memory(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"), System.getProperty("java.version"),
                store.name(), store.type(), base, free / (1024.0 * MIB))).append(nl);
        out.append(nl).append("Command: java -cp ").append(System.getProperty("java.class.path")).append(' ')
                .append(DiskBufferBenchmark.class.getName()).append(' ').append(base).append(' ').append(mib)
                .append(nl);
        if (args.length == 0) {
            out.append("(defaults: DIR = the temporary folder, MiB = 1024)").append(nl);
        }
        System.out.print(out);
    }

    private static String hotPathRow(String name, double ops, Measured m) {
        return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |", name, ops, ops * m.batchPayload() / MIB,
                ops * m.recordBytes() / MIB);
    }

    private static String memory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return String.format(Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / (1024.0 * MIB));
        }
        return "unknown";
    }

    /** Deletes a folder and everything in it; a missing folder is fine. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
