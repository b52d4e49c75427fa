package io.tailpost.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads CPU time and peak resident memory of a child process tree from {@code /proc}.
 */
final class ProcessMeter {

    /** CPU seconds (user + sys) and peak RSS summed over a process and its descendants. */
    record Sample(double cpuSeconds, long peakRssKiB, int processes) {
        static final Sample NONE = new Sample(0, 0, 0);
    }

    /** CPU seconds of one thread, with the name the kernel knows it by (at most 15 characters). */
    record ThreadCpu(String name, double cpuSeconds) {
    }

    private static final long TICKS = clockTicks();

    private ProcessMeter() {
    }

    static long ticksPerSecond() {
        return TICKS;
    }

    /** Samples the process and its live descendants; processes that vanished are skipped. */
    static Sample sample(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        double cpu = 0;
        long rss = 0;
        int count = 0;
        for (ProcessHandle h : all) {
            long[] ticks = cpuTicks(Path.of("/proc", Long.toString(h.pid()), "stat"));
            if (ticks == null) {
                continue;
            }
            cpu += (ticks[0] + ticks[1]) / (double) TICKS;
            rss += peakRssKiB(h.pid());
            count++;
        }
        return new Sample(cpu, rss, count);
    }

    /** The threads of a process by CPU time, most first; empty when the process is gone. */
    static List<ThreadCpu> threads(long pid) {
        List<ThreadCpu> result = new ArrayList<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> s = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) s::iterator) {
                long[] ticks = cpuTicks(task.resolve("stat"));
                if (ticks == null) {
                    continue;
                }
                String name;
                try {
                    name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    name = "?";
                }
                result.add(new ThreadCpu(name, (ticks[0] + ticks[1]) / (double) TICKS));
            }
        } catch (IOException e) {
            return List.of();
        }
        result.sort(Comparator.comparingDouble(ThreadCpu::cpuSeconds).reversed());
        return result;
    }

    /** utime and stime in clock ticks, or null when the file cannot be read. */
    private static long[] cpuTicks(Path stat) {
        String text;
        try {
            text = Files.readString(stat, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] f = text.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state); utime is field 14, stime field 15.
        if (f.length < 13) {
            return null;
        }
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    private static long peakRssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
