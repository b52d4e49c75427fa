package io.tailpost.bench.e2e;

import java.util.List;

/**
 * One row of the results: an agent on a scenario, or a machine limit ({@code cat}, {@code wc -l},
 * the sink's own capacity).
 *
 * @param scenario     scenario id, or the input's name for machine limits
 * @param agent        agent or tool name
 * @param kind         {@code tailpost}, {@code peer} or {@code limit}
 * @param status       {@code ok}, or why there is no figure / why the figure is not trustworthy
 * @param seconds      process start to the last line at the sink (NaN when none)
 * @param bytes        input bytes
 * @param expected     input lines
 * @param received     lines the sink counted
 * @param cpuSeconds   user + sys of the agent process tree (NaN when unknown)
 * @param peakRssKiB   VmHWM of the agent process tree (0 when unknown)
 * @param topThreads   the agent's threads by CPU time
 */
record RunResult(String scenario, String agent, String kind, String status, double seconds, long bytes, long expected,
        long received, double cpuSeconds, long peakRssKiB, List<ProcessMeter.ThreadCpu> topThreads) {

    static RunResult skipped(Scenario scenario, Agent agent, String why) {
        return new RunResult(scenario.id(), agent.name(), agent.isPeer() ? "peer" : "tailpost", why, Double.NaN, 0, 0, 0,
                Double.NaN, 0, List.of());
    }

    boolean ok() {
        return "ok".equals(status);
    }

    boolean measured() {
        return !Double.isNaN(seconds) && seconds > 0 && ok();
    }

    double mibPerSecond() {
        return measured() ? bytes / seconds / (1 << 20) : Double.NaN;
    }

    double linesPerSecond() {
        return measured() ? expected / seconds : Double.NaN;
    }

    double cpuPerGiB() {
        return measured() && !Double.isNaN(cpuSeconds) ? cpuSeconds / (bytes / (double) (1L << 30)) : Double.NaN;
    }
}
