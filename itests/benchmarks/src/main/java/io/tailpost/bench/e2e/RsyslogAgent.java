package io.tailpost.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * rsyslog (Debian {@code rsyslog} + {@code rsyslog-elasticsearch}): imfile from the start of the
 * files to omelasticsearch in bulk mode, one JSON document per line.
 */
final class RsyslogAgent implements Agent {

    private final Path binary;
    private final Path moduleDir;

    RsyslogAgent(Path binary) {
        this.binary = binary;
        this.moduleDir = binary == null ? null : findModules(binary);
    }

    @Override
    public String name() {
        return "rsyslog";
    }

    @Override
    public String unavailable() {
        if (binary == null || !Files.isExecutable(binary)) {
            return "not installed (rsyslog)";
        }
        if (moduleDir == null || !Files.isRegularFile(moduleDir.resolve("omelasticsearch.so"))) {
            return "not installed (rsyslog-elasticsearch)";
        }
        return null;
    }

    @Override
    public String unsupported(Scenario scenario) {
        return scenario == Scenario.GZIP ? "n/a: omelasticsearch has no request compression" : null;
    }

    @Override
    public Process start(RunContext c) throws IOException {
        Path run = c.runDir();
        Path work = Files.createDirectories(run.resolve("work"));
        Path input = c.input().files().get(0);
        String file = c.scenario() == Scenario.FILES1000 ? input.getParent().resolve("*.log").toString() : input.toString();
        StringBuilder s = new StringBuilder();
        s.append("global(workDirectory=\"").append(work).append("\" maxMessageSize=\"64k\")\n");
        s.append("module(load=\"imfile\" mode=\"inotify\")\n");
        s.append("module(load=\"omelasticsearch\")\n");
        if (c.scenario() == Scenario.JSON) {
            s.append("module(load=\"mmjsonparse\")\n");
            s.append("template(name=\"doc\" type=\"string\" string=\"%$!all-json%\")\n");
        } else {
            s.append("template(name=\"doc\" type=\"list\" option.jsonf=\"on\") {\n")
                    .append("  property(outname=\"message\" name=\"msg\" format=\"jsonf\")\n")
                    .append("  property(outname=\"timestamp\" name=\"timereported\" dateFormat=\"rfc3339\" format=\"jsonf\")\n}\n");
        }
        s.append("input(type=\"imfile\" File=\"").append(file).append("\" Tag=\"bench\" readMode=\"0\" freshStartTail=\"off\"")
                .append(" addMetadata=\"off\" ruleset=\"out\")\n");
        s.append("ruleset(name=\"out\" queue.type=\"LinkedList\" queue.size=\"100000\" queue.dequeueBatchSize=\"1000\") {\n");
        if (c.scenario() == Scenario.JSON) {
            s.append("  action(type=\"mmjsonparse\" cookie=\"\")\n");
        }
        s.append("  action(type=\"omelasticsearch\" server=\"127.0.0.1\" serverport=\"").append(c.sinkPort())
                .append("\" searchIndex=\"bench\" template=\"doc\" bulkmode=\"on\" maxbytes=\"1m\"")
                .append(" action.resumeRetryCount=\"-1\" queue.dequeueBatchSize=\"1000\"");
        if (c.scenario() == Scenario.DISK) {
            s.append(" queue.type=\"Disk\" queue.filename=\"es-queue\" queue.maxDiskSpace=\"4g\" queue.maxFileSize=\"32m\"");
        } else {
            s.append(" queue.type=\"LinkedList\" queue.size=\"100000\"");
        }
        s.append(")\n}\n");
        Path conf = run.resolve("rsyslog.conf");
        Files.writeString(conf, s);
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "-n", "-f", conf.toString(),
                "-i", run.resolve("rsyslog.pid").toString()));
        cmd.add("-M");
        cmd.add(moduleDir.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectOutput(run.resolve("stdout.log").toFile());
        pb.redirectError(run.resolve("stderr.log").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    private static Path findModules(Path binary) {
        Path prefix = binary.toAbsolutePath().getParent().getParent();
        for (Path p : new Path[] {prefix.resolve("lib/x86_64-linux-gnu/rsyslog"), prefix.resolve("lib/aarch64-linux-gnu/rsyslog"),
            prefix.resolve("lib/rsyslog"), prefix.resolve("lib64/rsyslog")}) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }
}
