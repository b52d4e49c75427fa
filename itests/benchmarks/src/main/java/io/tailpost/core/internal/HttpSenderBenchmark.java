package io.tailpost.core.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.tailpost.benchmarks.LoopbackSink;
import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.reader.Acknowledgement;
import io.tailpost.sdk.reader.Emitter;
import io.tailpost.sdk.reader.Reader;
import io.tailpost.sdk.reader.ReaderContext;
import io.tailpost.sdk.sender.Sender;
import io.tailpost.sender.http.internal.HttpSenderBenchmarkSupport;

/**
 * Throughput from a pipeline's queue through the HTTP sender to a loopback server that
 * discards bodies, per body format and compression, beside that server's own capacity
 * measured in the same run by {@code wrk}:
 *
 * <pre>java -Xmx256m -XX:+UseSerialGC -cp itests/benchmarks/target/benchmarks.jar \
 *     io.tailpost.core.internal.HttpSenderBenchmark [SECONDS-PER-CELL [FORMAT,...]]</pre>
 *
 * A real {@link Pipeline} (memory buffer, no processors) is fed by a synthetic reader
 * that emits batches of {@value #BATCH} nginx access-log lines of about 200 bytes as fast
 * as the emitter takes them; one HTTP sender, activated as DS would with its defaults
 * (batches of up to 1000 events, 4 MiB bodies), POSTs to a {@link LoopbackSink} running
 * in a separate JVM so that the CPU time reported is the pipeline's and the sender's
 * (plus the synthetic reader's). Each cell warms up, then measures for SECONDS-PER-CELL
 * (default 10). The results go to standard output as Markdown.
 */
public final class HttpSenderBenchmark {
    private static final System.Logger LOG = System.getLogger(HttpSenderBenchmark.class.getName());
    static final int BATCH = 1000;
    private static final String PIPELINE = "bench";
    private static final String READER = "bench-reader";
    private static final String SENDER = "bench-http";
    private static final String SOURCE = "/var/log/nginx/access.log";
    private static final double MIB = 1024.0 * 1024.0;
    private static final List<String> FORMATS = List.of("ndjson", "json_array", "es_bulk", "loki", "splunk_hec",
            "otlp_protobuf", "otlp_json", "raw");
    private static final List<String> COMPRESSIONS = List.of("none", "gzip", "zstd");
    private static final int WRK_THREADS = 2;
    private static final int WRK_CONNECTIONS = 4;

    private HttpSenderBenchmark() {
    }

    /** One configuration measured. */
    record Cell(String format, String compression, int concurrency) {
    }

    /** Rates of one cell over its measured window. */
    record Result(Cell cell, double eventsPerSecond, double lineMiBps, double bodyMiBps, double sentMiBps,
            double requestsPerSecond, double cpuPercent, double sinkCpuPercent, long errors) {
        double bodyBytesPerRequest() {
            return requestsPerSecond == 0 ? 0 : bodyMiBps * MIB / requestsPerSecond;
        }

        double sentBytesPerRequest() {
            return requestsPerSecond == 0 ? 0 : sentMiBps * MIB / requestsPerSecond;
        }
    }

    /** What wrk measured against the sink. */
    record LoadResult(int bodyBytes, double requestsPerSecond, double sinkCpuPercent) {
        double mibPerSecond() {
            return requestsPerSecond * bodyBytes / MIB;
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Set<String> formats = new LinkedHashSet<>(args.length > 1 ? List.of(args[1].split(",")) : FORMATS);
        int warmup = Math.max(1, Math.min(3, seconds / 3));
        Lines lines = Lines.generate(BATCH);

        List<Cell> cells = new ArrayList<>();
        for (String format : formats) {
            for (String compression : COMPRESSIONS) {
                cells.add(new Cell(format, compression, 1));
            }
            if (format.equals("ndjson")) {
                cells.add(new Cell(format, "none", 4));
                cells.add(new Cell(format, "gzip", 4));
            }
        }

        StringBuilder log = new StringBuilder();
        Instant started = Instant.now();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Result> results = new ArrayList<>();
        List<LoadResult> loads = new ArrayList<>();
        String wrkProblem = null;
        try (SinkProcess sink = SinkProcess.start()) {
            // The first cell's code paths are shared by all: warm them once before measuring anything.
            run(new Cell(formats.iterator().next(), "none", 1), sink, lines, seconds, 0);
            for (Cell cell : cells) {
                Result r = run(cell, sink, lines, warmup, seconds);
                results.add(r);
                LOG.log(System.Logger.Level.INFO, () -> String.format(Locale.ROOT, "%s/%s concurrency %d: %,.0f events/s",
                        cell.format(), cell.compression(), cell.concurrency(), r.eventsPerSecond()));
            }
            Path wrk = findOnPath("wrk");
            if (wrk == null) {
                wrkProblem = "wrk is not installed (on Debian: apt-get install wrk): the sink's own capacity was"
                        + " NOT measured";
            } else {
                // The largest and the smallest request bodies the sender produced in this run.
                int large = (int) Math.round(results.stream().mapToDouble(Result::sentBytesPerRequest).max().orElse(0));
                int small = (int) Math.round(results.stream().mapToDouble(Result::sentBytesPerRequest)
                        .filter(b -> b > 0).min().orElse(0));
                for (int size : new LinkedHashSet<>(List.of(large, small))) {
                    if (size > 0) {
                        loads.add(wrk(wrk, sink, size, seconds, log));
                    }
                }
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.print(report(results, loads, wrkProblem, lines, String.join(" ", args), seconds, warmup, started,
                loadBefore, loadAfter));
        if (log.length() > 0) {
            System.out.print(log);
        }
    }

    // ---- one cell ------------------------------------------------------------------------

    private static Result run(Cell cell, SinkProcess sink, Lines lines, int warmupSeconds, int measureSeconds)
            throws Exception {
        Path dataDir = Files.createTempDirectory("tailpost-http-bench");
        MetricsRegistry metrics = new MetricsRegistry();
        CheckpointStores checkpoints = new CheckpointStores();
        Pipeline pipeline = new Pipeline(PipelineSettings.from(Map.of(
                "name", PIPELINE,
                "reader.ids", new String[] {READER}, "reader.types", new String[] {"synthetic"},
                "sender.ids", new String[] {SENDER}, "sender.types", new String[] {"http"},
                "data.dir", dataDir.toString())), checkpoints, metrics);
        Map<String, Object> config = Map.of(
                "url", "http://127.0.0.1:" + sink.port + "/bench/_bulk",
                "format", cell.format(),
                "compression", cell.compression());
        Sender sender = HttpSenderBenchmarkSupport.activate(config, PIPELINE, SENDER, metrics);
        SyntheticReader reader = new SyntheticReader(lines);
        try {
            pipeline.bindSender(SENDER, sender, Map.of("batch.max.events", BATCH, "concurrency", cell.concurrency()));
            pipeline.bindReader(READER, reader);
            pipeline.start();
            TimeUnit.SECONDS.sleep(warmupSeconds);
            if (measureSeconds == 0) {
                return null;
            }
            Snapshot a = Snapshot.take(reader, metrics, sink);
            TimeUnit.SECONDS.sleep(measureSeconds);
            Snapshot b = Snapshot.take(reader, metrics, sink);
            double s = (b.nanos - a.nanos) / 1e9;
            double events = b.events - a.events;
            return new Result(cell, events / s, events * lines.averageBytes() / MIB / s,
                    (b.bodyBytes - a.bodyBytes) / MIB / s, (b.sentBytes - a.sentBytes) / MIB / s,
                    (b.requests - a.requests) / s, 100.0 * (b.cpuNanos - a.cpuNanos) / (b.nanos - a.nanos),
                    100.0 * (b.sinkCpuNanos - a.sinkCpuNanos) / (b.nanos - a.nanos), b.errors - a.errors);
        } finally {
            pipeline.close(2000);
            HttpSenderBenchmarkSupport.deactivate(sender);
            checkpoints.close();
            deleteTree(dataDir);
        }
    }

    /** Counters at one instant. */
    private record Snapshot(long nanos, long events, long requests, long bodyBytes, long sentBytes, long errors,
            long cpuNanos, long sinkCpuNanos) {
        static Snapshot take(SyntheticReader reader, MetricsRegistry m, SinkProcess sink) {
            String[] tags = {"pipeline", PIPELINE, "component", SENDER};
            long errors = m.counter("sender.retries", tags).value() + m.counter("sender.events.rejected", tags).value();
            for (String status : new String[] {"1xx", "3xx", "4xx", "5xx", "failed"}) {
                errors += m.counter("http.requests", with(tags, "status", status)).value();
            }
            return new Snapshot(System.nanoTime(), reader.acknowledged.sum(),
                    m.counter("http.requests", with(tags, "status", "2xx")).value(),
                    m.counter("http.body.uncompressed.bytes", tags).value(),
                    m.counter("http.body.sent.bytes", tags).value(), errors, processCpuNanos(), sink.cpuNanos());
        }

        private static String[] with(String[] tags, String key, String value) {
            String[] all = java.util.Arrays.copyOf(tags, tags.length + 2);
            all[tags.length] = key;
            all[tags.length + 1] = value;
            return all;
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    // ---- the synthetic reader ------------------------------------------------------------

    /**
     * Emits batches of the same lines as fast as the pipeline takes them, each a fresh
     * list of fresh events over one shared array (as the file reader hands them over), and
     * counts the events acknowledged.
     */
    static final class SyntheticReader implements Reader {
        final LongAdder acknowledged = new LongAdder();
        private final Lines lines;
        private final Acknowledgement ack;
        private volatile boolean running;
        private Thread thread;

        SyntheticReader(Lines lines) {
            this.lines = lines;
            this.ack = () -> acknowledged.add(lines.count());
        }

        @Override
        public void start(ReaderContext context) {
            running = true;
            Emitter emitter = context.emitter();
            thread = new Thread(() -> emitLoop(emitter), "bench-reader");
            thread.setDaemon(true);
            thread.start();
        }

        private void emitLoop(Emitter emitter) {
            long time = 1_714_558_500_000_000_000L;
            try {
                while (running) {
                    int n = lines.count();
                    List<LogEvent> batch = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        LogEvent e = LogEvent.ofBytes(lines.data, lines.starts[i], lines.starts[i + 1] - lines.starts[i],
                                time);
                        time += 1_000_000L;
                        e.setSource(SOURCE);
                        batch.add(e);
                    }
                    if (!emitter.emit(batch, ack)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void stop() {
            running = false;
            Thread t = thread;
            if (t != null) {
                t.interrupt();
                try {
                    t.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** nginx access-log lines of about 200 bytes, back to back in one array, without newlines. */
    record Lines(byte[] data, int[] starts) {
        private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "PUT", "DELETE"};
        private static final String[] PATHS = {"/api/v1/orders", "/api/v1/customers/profile", "/static/js/app.js",
            "/checkout/cart", "/healthz", "/api/v2/search", "/images/products/thumb.webp", "/login"};
        private static final int[] STATUS = {200, 200, 200, 200, 200, 304, 301, 404, 500};
        private static final String[] AGENTS = {
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Mobile/15E148",
            "curl/8.5.0", "Go-http-client/1.1"};

        static Lines generate(int count) {
            Random random = new Random(7);
            StringBuilder text = new StringBuilder(count * 220);
            int[] starts = new int[count + 1];
            for (int i = 0; i < count; i++) {
                starts[i] = text.length();
                int second = i % 3600;
                text.append("10.").append(random.nextInt(256)).append('.').append(random.nextInt(256)).append('.')
                        .append(1 + random.nextInt(254)).append(" - - [01/May/2024:10:")
                        .append(second / 600).append(second / 60 % 10).append(':')
                        .append(second % 60 / 10).append(second % 10).append(" +0000] \"")
                        .append(METHODS[random.nextInt(METHODS.length)]).append(' ')
                        .append(PATHS[random.nextInt(PATHS.length)]).append("?id=").append(100000 + random.nextInt(900000))
                        .append(" HTTP/1.1\" ").append(STATUS[random.nextInt(STATUS.length)]).append(' ')
                        .append(random.nextInt(50000)).append(" \"https://shop.example.com/cart\" \"")
                        .append(AGENTS[random.nextInt(AGENTS.length)]).append('"');
            }
            starts[count] = text.length();
            return new Lines(text.toString().getBytes(StandardCharsets.US_ASCII), starts);
        }

        int count() {
            return starts.length - 1;
        }

        double averageBytes() {
            return (double) data.length / count();
        }
    }

    // ---- the sink and the load tool ------------------------------------------------------

    /** A {@link LoopbackSink} in its own JVM, so that its CPU time is not the benchmark's. */
    static final class SinkProcess implements AutoCloseable {
        final Process process;
        final int port;

        private SinkProcess(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static SinkProcess start() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    LoopbackSink.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
            String line = out.readLine();
            if (line == null || !line.startsWith("port ")) {
                p.destroy();
                throw new IOException("the loopback sink did not start (first line: " + line + ")");
            }
            return new SinkProcess(p, Integer.parseInt(line.substring(5).trim()));
        }

        long cpuNanos() {
            return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        }

        /** Ends the sink by closing its standard input; destroys it if it is still there after 5 s. */
        @Override
        public void close() throws IOException {
            process.getOutputStream().close();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    /** Runs wrk against the sink for {@code seconds}, POSTing bodies of {@code bodyBytes}. */
    private static LoadResult wrk(Path wrk, SinkProcess sink, int bodyBytes, int seconds, StringBuilder log)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("tailpost-wrk", ".lua");
        try {
            Files.writeString(script, "wrk.method = \"POST\"\n"
                    + "wrk.body = string.rep(\"x\", " + bodyBytes + ")\n"
                    + "wrk.headers[\"Content-Type\"] = \"application/x-ndjson\"\n");
            List<String> command = List.of(wrk.toString(), "-t" + WRK_THREADS, "-c" + WRK_CONNECTIONS,
                    "-d" + seconds + "s", "-s", script.toString(), "http://127.0.0.1:" + sink.port + "/");
            long cpu0 = sink.cpuNanos();
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            double sinkCpu = 100.0 * (sink.cpuNanos() - cpu0) / (System.nanoTime() - t0);
            Matcher m = REQUESTS_PER_SECOND.matcher(output);
            if (exit != 0 || !m.find()) {
                throw new IOException("wrk failed (exit " + exit + "):\n" + output);
            }
            log.append(String.format(Locale.ROOT, "%n`wrk -t%d -c%d -d%ds -s post.lua` with a %d-byte body:%n%n```%n%s```%n",
                    WRK_THREADS, WRK_CONNECTIONS, seconds, bodyBytes, output));
            return new LoadResult(bodyBytes, Double.parseDouble(m.group(1)), sinkCpu);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    // ---- output --------------------------------------------------------------------------

    private static String report(List<Result> results, List<LoadResult> loads, String wrkProblem, Lines lines,
            String args, int seconds, int warmup, Instant started, double loadBefore, double loadAfter) {
        StringBuilder s = new StringBuilder();
        Runtime rt = Runtime.getRuntime();
        s.append(String.format(Locale.ROOT, "%n## HTTP sender throughput (%s)%n%n", started));
        s.append(String.format(Locale.ROOT, "Java %s, %d CPUs, JVM options %s; load average %.2f before, %.2f after."
                + " Events: %d-event batches of nginx access-log lines, %.0f bytes on average. %d s per cell after"
                + " %d s of warm-up. CPU: this process (pipeline, sender and synthetic reader) and the sink's"
                + " process, in %% of one core.%n%n",
                System.getProperty("java.version"), rt.availableProcessors(),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), loadBefore, loadAfter, lines.count(),
                lines.averageBytes(), seconds, warmup));
        s.append("| format | compression | concurrency | events/s | lines MiB/s | body MiB/s | sent MiB/s "
                + "| requests/s | body bytes/request | CPU | sink CPU |\n");
        s.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %.1f | %.1f | %.1f | %,.0f | %,.0f | %.0f%% "
                    + "| %.0f%% |%s%n", r.cell().format(), r.cell().compression(), r.cell().concurrency(),
                    r.eventsPerSecond(), r.lineMiBps(), r.bodyMiBps(), r.sentMiBps(), r.requestsPerSecond(),
                    r.bodyBytesPerRequest(), r.cpuPercent(), r.sinkCpuPercent(),
                    r.errors() == 0 ? "" : " " + r.errors() + " errors/retries"));
        }
        s.append(String.format(Locale.ROOT, "%nThe loopback sink alone, driven by wrk (%d threads, %d connections,"
                + " %d s) with bodies of the sizes the sender sent:%n%n", WRK_THREADS, WRK_CONNECTIONS, seconds));
        if (wrkProblem != null) {
            s.append("**").append(wrkProblem).append("**\n");
        } else {
            s.append("| body bytes | requests/s | MiB/s | sink CPU |\n|---:|---:|---:|---:|\n");
            loads.sort(Comparator.comparingInt(LoadResult::bodyBytes).reversed());
            for (LoadResult l : loads) {
                s.append(String.format(Locale.ROOT, "| %,d | %,.0f | %.1f | %.0f%% |%n", l.bodyBytes(),
                        l.requestsPerSecond(), l.mibPerSecond(), l.sinkCpuPercent()));
            }
        }
        s.append(String.format(Locale.ROOT, "%nlines MiB/s: the log lines' own bytes; body: the encoded request"
                + " bodies before compression; sent: after compression. Command:%n%n```%njava %s -cp %s %s %s%n```%n",
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                System.getProperty("java.class.path"), HttpSenderBenchmark.class.getName(), args));
        return s.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
