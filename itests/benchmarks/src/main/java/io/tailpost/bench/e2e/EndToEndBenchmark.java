package io.tailpost.bench.e2e;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * End-to-end throughput of the packaged agent against syslog-ng and rsyslog, in one run on
 * one machine: seeded inputs, a counting loopback HTTP sink (whose own capacity is measured
 * too), {@code cat} and {@code wc -l} as the machine's limits, and one row per agent and
 * scenario with MiB/s, lines/s, CPU seconds per GiB and peak RSS. Writes {@code results.md},
 * {@code results.csv} and {@code throughput.png} to the results folder.
 *
 * <pre>
 * java -cp itests/benchmarks/target/benchmarks.jar io.tailpost.bench.e2e.EndToEndBenchmark
 *     [--size 1GiB] [--results DIR] [--scenarios raw,json,gzip,disk,files1000] [--peers syslog-ng,rsyslog]
 *     [--work DIR] [--seed N] [--home DIST] [--syslog-ng PATH] [--rsyslogd PATH] [--timeout 10m] [--repeat N]
 *     [--keep-runs] [--dump-bodies DIR] [--note TEXT]
 * </pre>
 */
public final class EndToEndBenchmark {

    private static final Logger LOG = System.getLogger(EndToEndBenchmark.class.getName());
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Options options;
    private final List<RunResult> results = new ArrayList<>();

    private EndToEndBenchmark(Options options) {
        this.options = options;
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class description
     * @throws Exception when the inputs cannot be written or the sink cannot start
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        new EndToEndBenchmark(options).run(String.join(" ", args));
    }

    private void run(String commandLine) throws Exception {
        Instant started = Instant.now();
        Files.createDirectories(options.work);
        Files.createDirectories(options.results);
        List<Agent> agents = agents();

        Map<Scenario, InputGenerator.Input> inputs = new EnumMap<>(Scenario.class);
        InputGenerator.Input nginx = null;
        InputGenerator.Input json = null;
        InputGenerator.Input many = null;
        for (Scenario s : options.scenarios) {
            long t0 = System.nanoTime();
            switch (s) {
                case JSON:
                    if (json == null) {
                        json = InputGenerator.single(InputGenerator.Kind.JSON, options.work.resolve("input/app.jsonl"),
                                options.size, options.seed);
                    }
                    inputs.put(s, json);
                    break;
                case FILES1000:
                    if (many == null) {
                        many = InputGenerator.many(options.work.resolve("input/files1000"), 1000, options.size, options.seed);
                    }
                    inputs.put(s, many);
                    break;
                default:
                    if (nginx == null) {
                        nginx = InputGenerator.single(InputGenerator.Kind.NGINX, options.work.resolve("input/access.log"),
                                options.size, options.seed);
                    }
                    inputs.put(s, nginx);
            }
            InputGenerator.Input in = inputs.get(s);
            LOG.log(Level.INFO, "input {0}: {1} bytes, {2} lines ({3} B/line), ready in {4} s", in.name(), in.bytes(),
                    in.lines(), in.bytes() / Math.max(1, in.lines()), fmt((System.nanoTime() - t0) / 1e9));
        }

        for (InputGenerator.Input in : new LinkedHashSet<>(inputs.values())) {
            machineLimit(in, "cat", "cat");
            machineLimit(in, "wc -l", "wc -l");
        }

        try (CountingSink sink = new CountingSink(4, options.dumpBodies)) {
            byte[] sample = InputGenerator.sample(options.seed);
            for (String variant : List.of("/capacity", "/capacity gzip", "/_bulk")) {
                SinkLoadGenerator.Capacity c = SinkLoadGenerator.measure(sink, variant.split(" ")[0], sample,
                        variant.endsWith("gzip"), 2, 3000);
                results.add(new RunResult("sink", c.label(), "limit", "ok", c.seconds(), c.bytes(), c.lines(), c.lines(),
                        Double.NaN, 0, List.of()));
                LOG.log(Level.INFO, "{0}: {1} MiB/s, {2} lines/s, {3} requests", c.label(),
                        fmt(c.bytes() / c.seconds() / (1 << 20)), fmt(c.lines() / c.seconds()), c.requests());
            }
            for (Scenario s : options.scenarios) {
                for (Agent agent : agents) {
                    results.add(repeated(sink, agent, s, inputs.get(s)));
                }
            }
        }
        double minutes = (Instant.now().toEpochMilli() - started.toEpochMilli()) / 60000.0;
        Report report = new Report(results, options, commandLine, started, minutes, agents);
        String table = report.write(options.results);
        System.out.print(table);
        System.out.println("results in " + options.results.toAbsolutePath());
    }

    private List<Agent> agents() {
        List<Agent> agents = new ArrayList<>();
        agents.add(new TailPostAgent(options.home, System.getenv("TAILPOST_JAVA_OPTS")));
        if (options.peers.contains("syslog-ng")) {
            Path bin = options.syslogNg != null ? options.syslogNg : which("syslog-ng");
            agents.add(new SyslogNgAgent(bin, false));
            agents.add(new SyslogNgAgent(bin, true));
        }
        if (options.peers.contains("rsyslog")) {
            agents.add(new RsyslogAgent(options.rsyslogd != null ? options.rsyslogd : which("rsyslogd")));
        }
        for (Agent a : agents) {
            String why = a.unavailable();
            if (why != null) {
                LOG.log(Level.WARNING, "{0}: {1}", a.name(), why);
            }
        }
        return agents;
    }

    /** The median run by time when every repetition succeeded, else the first failure. */
    private RunResult repeated(CountingSink sink, Agent agent, Scenario scenario, InputGenerator.Input input)
            throws IOException, InterruptedException {
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < options.repeat; i++) {
            RunResult r = runOne(sink, agent, scenario, input);
            if (!r.measured()) {
                return r;
            }
            runs.add(r);
        }
        runs.sort(Comparator.comparingDouble(RunResult::seconds));
        if (runs.size() > 1) {
            LOG.log(Level.INFO, "{0} / {1}: seconds of {2} runs: {3}", scenario.id(), agent.name(), runs.size(),
                    runs.stream().map(r -> fmt(r.seconds())).toList());
        }
        return runs.get((runs.size() - 1) / 2);
    }

    private RunResult runOne(CountingSink sink, Agent agent, Scenario scenario, InputGenerator.Input input)
            throws IOException, InterruptedException {
        String why = agent.unavailable();
        if (why == null) {
            why = agent.unsupported(scenario);
        }
        if (why != null) {
            return RunResult.skipped(scenario, agent, why);
        }
        Path runDir = options.work.resolve("runs").resolve(scenario.id() + "-" + agent.name().replaceAll("[^A-Za-z0-9-]+", "_"));
        deleteTree(runDir);
        Files.createDirectories(runDir);
        sink.reset();
        LOG.log(Level.INFO, "{0} / {1}: starting", scenario.id(), agent.name());
        long start = System.nanoTime();
        Process process = agent.start(new Agent.RunContext(scenario, input, sink.port(), runDir));
        ProcessHandle handle = process.toHandle();
        long deadline = start + options.timeoutNanos;
        long lastProgress = start;
        long lastLines = 0;
        String status = null;
        ProcessMeter.Sample sample = ProcessMeter.Sample.NONE;
        long nextSample = 0;
        while (status == null) {
            Thread.sleep(10);
            long now = System.nanoTime();
            long lines = sink.lines();
            if (lines != lastLines) {
                lastLines = lines;
                lastProgress = now;
            }
            if (lines >= input.lines()) {
                status = "ok";
            } else if (!process.isAlive()) {
                status = "exited with " + process.exitValue() + " (see " + runDir.resolve("stderr.log") + ")";
            } else if (now > deadline) {
                status = "timeout";
            } else if (now - lastProgress > STALL_NANOS) {
                status = "stalled";
            }
            if (now >= nextSample || status != null) {
                if (process.isAlive()) {
                    sample = ProcessMeter.sample(handle);
                }
                nextSample = now + 250_000_000L;
            }
        }
        List<ProcessMeter.ThreadCpu> threads = ProcessMeter.threads(handle.pid());
        long end = sink.lastLineNanos();
        stop(process);
        long received = sink.lines();
        if (!"ok".equals(status)) {
            status = status + ", " + received + " of " + input.lines() + " lines";
        } else if (received > input.lines()) {
            status = "ok";
            LOG.log(Level.INFO, "{0} / {1}: {2} lines more than written (sent again)", scenario.id(), agent.name(),
                    received - input.lines());
        }
        if (sink.errors() > 0) {
            LOG.log(Level.WARNING, "{0} / {1}: sink failed {2} requests", scenario.id(), agent.name(), sink.errors());
        }
        double seconds = end > 0 ? (end - start) / 1e9 : Double.NaN;
        RunResult r = new RunResult(scenario.id(), agent.name(), agent.isPeer() ? "peer" : "tailpost", status, seconds,
                input.bytes(), input.lines(), received, sample.cpuSeconds(), sample.peakRssKiB(),
                threads.subList(0, Math.min(6, threads.size())));
        LOG.log(Level.INFO, "{0} / {1}: {2} in {3} s, {4} MiB/s, CPU {5} s, RSS {6} MiB, {7} requests", scenario.id(),
                agent.name(), status, fmt(seconds), fmt(r.mibPerSecond()), fmt(sample.cpuSeconds()),
                sample.peakRssKiB() / 1024, sink.requests());
        if (!options.keepRuns && r.ok()) {
            deleteTree(runDir);
        }
        return r;
    }

    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            LOG.log(Level.WARNING, "pid {0} did not stop within 15 s of SIGTERM: killing it", process.pid());
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    private void machineLimit(InputGenerator.Input in, String label, String command) throws IOException, InterruptedException {
        String files = in.files().size() == 1 ? quote(in.files().get(0).toString())
                : quote(in.files().get(0).getParent().toString()) + "/*.log";
        String script = "cat".equals(command) ? "cat " + files + " > /dev/null" : "cat " + files + " | wc -l > /dev/null";
        if (!"cat".equals(command) && in.files().size() == 1) {
            script = "wc -l " + files + " > /dev/null";
        }
        double best = Double.NaN;
        for (int i = 0; i < 2; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int code = p.waitFor();
            double s = (System.nanoTime() - t0) / 1e9;
            if (code != 0) {
                throw new IOException("'" + script + "' failed with exit code " + code);
            }
            best = Double.isNaN(best) ? s : Math.min(best, s);
        }
        String name = in.files().size() == 1 ? label : ("wc -l".equals(label) ? "cat | wc -l" : label);
        results.add(new RunResult(in.name(), name, "limit", "ok", best, in.bytes(), in.lines(), in.lines(), Double.NaN, 0,
                List.of()));
        LOG.log(Level.INFO, "{0} {1}: {2} s, {3} MiB/s", name, in.name(), fmt(best), fmt(in.bytes() / best / (1 << 20)));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static Path which(String name) {
        Set<String> dirs = new LinkedHashSet<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin"));
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Paths.get(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Command-line options. */
    static final class Options {
        static final String USAGE = "usage: EndToEndBenchmark [--size 1GiB] [--results DIR] [--scenarios raw,json,gzip,disk,files1000]"
                + " [--peers syslog-ng,rsyslog|none] [--work DIR] [--seed N] [--home DIST] [--syslog-ng PATH]"
                + " [--rsyslogd PATH] [--timeout 10m] [--repeat N] [--keep-runs] [--dump-bodies DIR] [--note TEXT]";

        long size = 1L << 30;
        Path results = Paths.get("target/e2e-results");
        Path work = Paths.get(System.getProperty("java.io.tmpdir"), "tailpost-e2e");
        List<Scenario> scenarios = List.of(Scenario.values());
        Set<String> peers = new LinkedHashSet<>(List.of("syslog-ng", "rsyslog"));
        long seed = 42;
        Path home;
        Path syslogNg;
        Path rsyslogd;
        long timeoutNanos = -1;
        boolean keepRuns;
        int repeat = 1;
        Path dumpBodies;
        String note = "";

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--keep-runs")) {
                    o.keepRuns = true;
                    continue;
                }
                if (a.equals("--help") || a.equals("-h")) {
                    throw new IllegalArgumentException("help");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--size" -> o.size = parseSize(v);
                    case "--results" -> o.results = Paths.get(v);
                    case "--work" -> o.work = Paths.get(v);
                    case "--seed" -> o.seed = Long.parseLong(v);
                    case "--home" -> o.home = Paths.get(v);
                    case "--syslog-ng" -> o.syslogNg = Paths.get(v);
                    case "--rsyslogd" -> o.rsyslogd = Paths.get(v);
                    case "--note" -> o.note = v;
                    case "--repeat" -> o.repeat = Math.max(1, Integer.parseInt(v));
                    case "--dump-bodies" -> o.dumpBodies = Paths.get(v);
                    case "--timeout" -> o.timeoutNanos = parseDuration(v);
                    case "--scenarios" -> {
                        List<Scenario> list = new ArrayList<>();
                        for (String s : v.split(",")) {
                            list.add(Scenario.parse(s));
                        }
                        o.scenarios = list;
                    }
                    case "--peers" -> {
                        o.peers = new LinkedHashSet<>();
                        for (String p : v.split(",")) {
                            String peer = p.trim().toLowerCase(Locale.ROOT);
                            if (peer.equals("none") || peer.isEmpty()) {
                                continue;
                            }
                            if (!peer.equals("syslog-ng") && !peer.equals("rsyslog")) {
                                throw new IllegalArgumentException("unknown peer '" + p + "' (syslog-ng, rsyslog, none)");
                            }
                            o.peers.add(peer);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (o.home == null) {
                o.home = findDistribution();
            }
            if (o.timeoutNanos < 0) {
                // Generous: a slow agent is still measured, a stuck one does not hold the run for long.
                o.timeoutNanos = TimeUnit.SECONDS.toNanos(60) + (long) (TimeUnit.SECONDS.toNanos(600) * (o.size / (double) (1L << 30)));
            }
            return o;
        }

        private static Path findDistribution() {
            for (Path base : List.of(Paths.get("distribution/target"), Paths.get("../../distribution/target"))) {
                if (!Files.isDirectory(base)) {
                    continue;
                }
                try (Stream<Path> s = Files.list(base)) {
                    var found = s.filter(p -> Files.isExecutable(p.resolve("bin/tailpost"))).findFirst();
                    if (found.isPresent()) {
                        return found.get();
                    }
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "cannot list " + base, e);
                }
            }
            return Paths.get("distribution/target/tailpost");
        }

        static long parseSize(String v) {
            String s = v.trim();
            String[][] units = {{"GiB", "1073741824"}, {"MiB", "1048576"}, {"KiB", "1024"}, {"GB", "1000000000"},
                {"MB", "1000000"}, {"KB", "1000"}, {"B", "1"}};
            for (String[] u : units) {
                if (s.endsWith(u[0])) {
                    return (long) (Double.parseDouble(s.substring(0, s.length() - u[0].length()).trim()) * Long.parseLong(u[1]));
                }
            }
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--size: '" + v + "' is not a size like 256MiB or 1GiB");
            }
        }

        static long parseDuration(String v) {
            String s = v.trim();
            try {
                if (s.endsWith("ms")) {
                    return TimeUnit.MILLISECONDS.toNanos(Long.parseLong(s.substring(0, s.length() - 2)));
                }
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                return switch (s.charAt(s.length() - 1)) {
                    case 's' -> TimeUnit.SECONDS.toNanos(n);
                    case 'm' -> TimeUnit.MINUTES.toNanos(n);
                    case 'h' -> TimeUnit.HOURS.toNanos(n);
                    default -> throw new IllegalArgumentException("--timeout: '" + v + "' is not a duration like 90s or 10m");
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--timeout: '" + v + "' is not a duration like 90s or 10m");
            }
        }
    }
}
