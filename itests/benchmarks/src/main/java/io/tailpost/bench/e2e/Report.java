package io.tailpost.bench.e2e;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

/** The results as a text table, Markdown, CSV and a bar chart of MiB/s. */
final class Report {

    private static final String[] HEADER = {"scenario", "agent", "status", "seconds", "MiB/s", "lines/s", "CPU-s/GiB",
        "peak RSS MiB", "vs best peer"};

    private final List<RunResult> results;
    private final EndToEndBenchmark.Options options;
    private final String commandLine;
    private final Instant started;
    private final double minutes;
    private final List<Agent> agents;

    Report(List<RunResult> results, EndToEndBenchmark.Options options, String commandLine, Instant started, double minutes,
            List<Agent> agents) {
        this.results = results;
        this.options = options;
        this.commandLine = commandLine;
        this.started = started;
        this.minutes = minutes;
        this.agents = agents;
    }

    /** Writes results.md, results.csv and throughput.png; returns the text table. */
    String write(Path dir) throws IOException {
        List<String[]> rows = rows();
        Files.writeString(dir.resolve("results.csv"), csv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.md"), markdown(rows), StandardCharsets.UTF_8);
        chart(dir.resolve("throughput.png"));
        return text(rows);
    }

    private double bestPeer(String scenario) {
        return results.stream().filter(r -> r.scenario().equals(scenario) && r.kind().equals("peer") && r.measured())
                .mapToDouble(RunResult::mibPerSecond).max().orElse(Double.NaN);
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        for (RunResult r : results) {
            double best = bestPeer(r.scenario());
            String ratio = r.kind().equals("limit") || Double.isNaN(best) || !r.measured() ? ""
                    : String.format(Locale.ROOT, "%.2fx", r.mibPerSecond() / best);
            rows.add(new String[] {r.scenario(), r.agent(), r.status(), EndToEndBenchmark.fmt(r.seconds()),
                EndToEndBenchmark.fmt(r.mibPerSecond()), EndToEndBenchmark.fmt(r.linesPerSecond()),
                EndToEndBenchmark.fmt(r.cpuPerGiB()), r.peakRssKiB() == 0 ? "" : Long.toString(r.peakRssKiB() / 1024), ratio});
        }
        return rows;
    }

    private static String text(List<String[]> rows) {
        int[] w = new int[HEADER.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = HEADER[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], Math.min(r[i].length(), 60));
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, HEADER, w);
        for (String[] r : rows) {
            line(b, r, w);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String[] cells, int[] w) {
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            boolean number = i >= 3;
            String pad = " ".repeat(Math.max(0, w[i] - c.length()));
            b.append(number ? pad + c : c + pad).append(i + 1 < cells.length ? "  " : "\n");
        }
    }

    private String markdown(List<String[]> rows) {
        StringBuilder b = new StringBuilder();
        b.append("# TailPost end-to-end throughput\n\n");
        b.append("Run ").append(started).append(", ").append(String.format(Locale.ROOT, "%.1f", minutes)).append(" minutes. Command: `")
                .append("EndToEndBenchmark ").append(commandLine).append("`\n\n");
        b.append("Machine: ").append(machine()).append("\n\n");
        if (!options.note.isEmpty()) {
            b.append(options.note).append("\n\n");
        }
        b.append("Input size ").append(options.size).append(" bytes per scenario, seed ").append(options.seed)
                .append(options.repeat > 1 ? ", median of " + options.repeat + " runs" : ", one run each")
                .append(". Time is from the agent's process start to the last line counted at the sink (so it includes start-up);")
                .append(" CPU is user + sys of the agent's process tree; peak RSS is its VmHWM. `vs best peer` divides by the")
                .append(" fastest peer of the same scenario. Machine limits (`cat`, `wc -l`) read the same files from the page")
                .append(" cache; the sink's capacity is measured with an in-process load generator posting 1 MiB NDJSON bodies.\n\n");
        b.append('|');
        for (String h : HEADER) {
            b.append(' ').append(h).append(" |");
        }
        b.append("\n|");
        for (int i = 0; i < HEADER.length; i++) {
            b.append(i >= 3 ? "---:|" : "---|");
        }
        b.append('\n');
        for (String[] r : rows) {
            b.append('|');
            for (String c : r) {
                b.append(' ').append(c.replace("|", "\\|")).append(" |");
            }
            b.append('\n');
        }
        b.append('\n').append(sinkCheck()).append("\n\n");
        b.append("## CPU seconds by thread (top threads of each agent run)\n\n");
        for (RunResult r : results) {
            if (r.topThreads().isEmpty()) {
                continue;
            }
            b.append("* ").append(r.scenario()).append(" / ").append(r.agent()).append(": ")
                    .append(r.topThreads().stream().map(t -> t.name() + " " + EndToEndBenchmark.fmt(t.cpuSeconds()))
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
        b.append("\n![MiB/s](throughput.png)\n");
        return b.toString();
    }

    /**
     * Whether the sink stayed far above what the agents reached: its capacity for
     * uncompressed bodies against the fastest agent without compression, and its capacity
     * for gzip bodies against the fastest agent of the gzip scenario.
     */
    String sinkCheck() {
        double plainSink = capacity(false);
        double gzipSink = capacity(true);
        double plainBest = fastestAgent(false);
        double gzipBest = fastestAgent(true);
        if (Double.isNaN(plainSink) || Double.isNaN(plainBest)) {
            return "Sink check: not enough figures.";
        }
        double factor = plainSink / plainBest;
        String text = String.format(Locale.ROOT, "Sink check: uncompressed, the sink took %.0f MiB/s at its slowest,"
                + " %.1fx the fastest agent (%.0f MiB/s)", plainSink, factor, plainBest);
        if (!Double.isNaN(gzipSink) && !Double.isNaN(gzipBest)) {
            double gzipFactor = gzipSink / gzipBest;
            text += String.format(Locale.ROOT, "; gzip, %.0f MiB/s, %.1fx the fastest agent (%.0f MiB/s)", gzipSink,
                    gzipFactor, gzipBest);
            factor = Math.min(factor, gzipFactor);
        }
        return text + (factor >= 3 ? ": the sink was not the bottleneck."
                : ": WARNING, too close, the sink may have limited the agents.");
    }

    private double capacity(boolean gzip) {
        return results.stream().filter(r -> r.scenario().equals("sink") && r.measured()
                && r.agent().contains("gzip") == gzip).mapToDouble(RunResult::mibPerSecond).min().orElse(Double.NaN);
    }

    private double fastestAgent(boolean gzip) {
        return results.stream().filter(r -> !r.kind().equals("limit") && r.measured()
                && r.scenario().equals("gzip") == gzip).mapToDouble(RunResult::mibPerSecond).max().orElse(Double.NaN);
    }

    private String csv() {
        StringBuilder b = new StringBuilder(
                "scenario,agent,kind,status,seconds,bytes,lines,lines_received,mib_per_s,lines_per_s,cpu_s,cpu_s_per_gib,peak_rss_kib,ratio_to_best_peer\n");
        for (RunResult r : results) {
            double best = bestPeer(r.scenario());
            double ratio = r.kind().equals("limit") || !r.measured() ? Double.NaN : r.mibPerSecond() / best;
            b.append(String.join(",", csvCell(r.scenario()), csvCell(r.agent()), r.kind(), csvCell(r.status()), num(r.seconds()),
                    Long.toString(r.bytes()), Long.toString(r.expected()), Long.toString(r.received()), num(r.mibPerSecond()),
                    num(r.linesPerSecond()), num(r.cpuSeconds()), num(r.cpuPerGiB()),
                    r.peakRssKiB() == 0 ? "" : Long.toString(r.peakRssKiB()), num(ratio))).append('\n');
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private String machine() {
        String cpu = "?";
        String mem = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
            mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> l.substring(9).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            cpu = "unknown (" + e.getMessage() + ")";
        }
        return Runtime.getRuntime().availableProcessors() + " CPUs (" + cpu + "), " + mem + " RAM, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version") + ", clock ticks " + ProcessMeter.ticksPerSecond() + "/s";
    }

    private void chart(Path file) throws IOException {
        Map<String, List<RunResult>> byScenario = new LinkedHashMap<>();
        for (RunResult r : results) {
            if (!r.kind().equals("limit") && r.measured()) {
                byScenario.computeIfAbsent(r.scenario(), k -> new ArrayList<>()).add(r);
            }
        }
        List<String> agentNames = agents.stream().map(Agent::name).toList();
        Color[] palette = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b)};
        int bars = byScenario.values().stream().mapToInt(List::size).sum();
        int barH = 22;
        int gap = 14;
        int top = 60;
        int left = 260;
        int width = 1000;
        int height = top + bars * barH + byScenario.size() * gap + 50;
        double max = byScenario.values().stream().flatMap(List::stream).mapToDouble(RunResult::mibPerSecond).max().orElse(1);
        BufferedImage img = new BufferedImage(width, Math.max(height, 140), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("End-to-end throughput, MiB/s (file to HTTP sink, " + (options.size >> 20) + " MiB input)", 20, 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            int y = top;
            int plot = width - left - 90;
            for (Map.Entry<String, List<RunResult>> e : byScenario.entrySet()) {
                for (RunResult r : e.getValue()) {
                    int idx = Math.max(0, agentNames.indexOf(r.agent()));
                    int len = (int) Math.round(plot * r.mibPerSecond() / max);
                    g.setColor(palette[idx % palette.length]);
                    g.fillRect(left, y, Math.max(1, len), barH - 4);
                    g.setColor(Color.BLACK);
                    String label = e.getKey() + " / " + r.agent();
                    g.drawString(label, left - 10 - g.getFontMetrics().stringWidth(label), y + barH - 8);
                    g.drawString(EndToEndBenchmark.fmt(r.mibPerSecond()), left + len + 6, y + barH - 8);
                    y += barH;
                }
                y += gap;
            }
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1));
            g.drawLine(left, top - 4, left, y - gap + 2);
            if (byScenario.isEmpty()) {
                g.setColor(Color.BLACK);
                g.drawString("no agent run was measured", left, top + 20);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
