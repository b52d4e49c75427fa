package io.tailpost.itests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the packaged agent ({@code bin/tailpost run -c FILE}) as processes for black-box
 * tests, keeps each one's output in a file, and ends any still running.
 */
public final class Agents implements AutoCloseable {
    private final Path work;
    private final List<Process> started = new ArrayList<>();
    private int count;

    public Agents(Path work) {
        this.work = work;
    }

    /** The packaged agent's folder, built by the distribution module. */
    public static Path distribution() {
        Path dir = Path.of(System.getProperty("tailpost.dist.dir", "../distribution/target/missing"));
        assertThat(dir.resolve("bin/tailpost")).as("packaged agent (run mvn package first)").isExecutable();
        return dir;
    }

    /** Starts an agent on {@code config} with extra environment variables. */
    public Process start(Path config, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(distribution().resolve("bin/tailpost").toString(), "run", "-c",
                config.toString());
        pb.environment().putAll(env);
        // Each test's agents keep their framework cache and lock in the test's own folder,
        // so they never meet another agent started from the same installation.
        String opts = env.getOrDefault("TAILPOST_JAVA_OPTS", "");
        pb.environment().put("TAILPOST_JAVA_OPTS", (opts + " -Dtailpost.data.dir=" + work.resolve("agent-data")).trim());
        pb.redirectErrorStream(true);
        pb.redirectOutput(work.resolve("agent-" + (count++) + ".out").toFile());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    public Process start(Path config) throws IOException {
        return start(config, Map.of());
    }

    /** Kills with SIGKILL and waits for the end. */
    public static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("agent ended after SIGKILL").isTrue();
    }

    /** The output (agent log and console) of the n-th agent started. */
    public String output(int n) throws IOException {
        Path f = work.resolve("agent-" + n + ".out");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    /**
     * Ends the agents still running and keeps their output under
     * {@code target/agent-logs/} (the temporary folder goes away), so a failed run can be read.
     */
    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        Path keep = Path.of("target", "agent-logs");
        try {
            Files.createDirectories(keep);
            for (int n = 0; n < count; n++) {
                Path out = work.resolve("agent-" + n + ".out");
                if (Files.exists(out)) {
                    Files.copy(out, keep.resolve(work.getFileName() + "-agent-" + n + ".out"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the agents' output in " + keep, e);
        }
    }
}
