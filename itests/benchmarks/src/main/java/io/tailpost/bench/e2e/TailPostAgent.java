package io.tailpost.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The packaged TailPost distribution: file reader to the HTTP sender in NDJSON, from the start of the files. */
final class TailPostAgent implements Agent {

    private final Path home;
    private final String javaOpts;

    TailPostAgent(Path home, String javaOpts) {
        this.home = home;
        this.javaOpts = javaOpts;
    }

    @Override
    public String name() {
        return "tailpost";
    }

    @Override
    public boolean isPeer() {
        return false;
    }

    @Override
    public String unavailable() {
        return Files.isExecutable(home.resolve("bin/tailpost")) ? null : "not built: no " + home.resolve("bin/tailpost");
    }

    @Override
    public String unsupported(Scenario scenario) {
        return null;
    }

    @Override
    public Process start(RunContext c) throws IOException {
        Path input = c.input().files().get(0);
        String pattern = c.scenario() == Scenario.FILES1000 ? input.getParent().resolve("*.log").toString() : input.toString();
        StringBuilder y = new StringBuilder();
        y.append("data_dir: \"").append(c.runDir().resolve("data")).append("\"\n");
        y.append("pipelines:\n  bench:\n    readers:\n      - type: file\n        paths: [\"").append(pattern).append("\"]\n");
        if (c.scenario() == Scenario.FILES1000) {
            y.append("        max_open_files: 1024\n");
        }
        if (c.scenario() == Scenario.JSON) {
            y.append("    processors:\n      - type: json\n");
        }
        y.append("    senders:\n      - type: http\n        url: http://127.0.0.1:").append(c.sinkPort()).append("/tailpost\n");
        y.append("        format: ndjson\n");
        if (c.scenario() == Scenario.GZIP) {
            y.append("        compression: gzip\n");
        }
        y.append("        batch: {max_events: 1000, max_bytes: 1MiB, timeout: 1s}\n");
        if (c.scenario() == Scenario.DISK) {
            y.append("    buffer:\n      type: disk\n      max_bytes: 4GiB\n");
        }
        Path conf = c.runDir().resolve("tailpost.yaml");
        Files.writeString(conf, y);
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/tailpost").toString(), "run", "-c", conf.toString());
        pb.environment().put("TAILPOST_JAVA_OPTS", javaOpts == null ? "" : javaOpts);
        pb.redirectOutput(c.runDir().resolve("stdout.log").toFile());
        pb.redirectError(c.runDir().resolve("stderr.log").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }
}
