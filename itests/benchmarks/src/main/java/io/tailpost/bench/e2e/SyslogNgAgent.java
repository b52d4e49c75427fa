package io.tailpost.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * syslog-ng (Debian {@code syslog-ng-core} + {@code syslog-ng-mod-http}): file source to the
 * http() destination with batching and flow control. {@code json} formats each message as a
 * JSON object (as TailPost's NDJSON does); otherwise the raw line is the body line.
 */
final class SyslogNgAgent implements Agent {

    private final Path binary;
    private final boolean json;
    private final String httpModule;

    SyslogNgAgent(Path binary, boolean json) {
        this.binary = binary;
        this.json = json;
        this.httpModule = findHttpModule();
    }

    @Override
    public String name() {
        return json ? "syslog-ng (json)" : "syslog-ng (raw)";
    }

    @Override
    public String unavailable() {
        if (binary == null || !Files.isExecutable(binary)) {
            return "not installed (syslog-ng-core)";
        }
        if (httpModule == null) {
            return "not installed (syslog-ng-mod-http)";
        }
        return null;
    }

    @Override
    public String unsupported(Scenario scenario) {
        if (scenario == Scenario.GZIP) {
            return "n/a: http() of syslog-ng 3.x has no request compression";
        }
        if (scenario == Scenario.JSON && !json) {
            return "n/a: parsing JSON needs the JSON-formatted variant";
        }
        return null;
    }

    @Override
    public Process start(RunContext c) throws IOException {
        Path run = c.runDir();
        Path input = c.input().files().get(0);
        StringBuilder s = new StringBuilder();
        s.append("@version: 3.38\n");
        s.append("options { chain-hostnames(no); use-dns(no); use-fqdn(no); stats-freq(0); threaded(yes); };\n");
        if (c.scenario() == Scenario.FILES1000) {
            int files = c.input().files().size();
            s.append("source s_in { wildcard-file(base-dir(\"").append(input.getParent()).append("\") filename-pattern(\"*.log\")")
                    .append(" recursive(no) max-files(").append(files + 16).append(") follow-freq(1) flags(no-parse)")
                    .append(" log-fetch-limit(100) log-iw-size(").append((files + 16) * 100).append(")); };\n");
        } else {
            s.append("source s_in { file(\"").append(input).append("\" follow-freq(1) flags(no-parse)")
                    .append(" log-fetch-limit(1000) log-iw-size(100000)); };\n");
        }
        String body;
        if (c.scenario() == Scenario.JSON) {
            s.append("parser p_json { json-parser(prefix(\".j.\")); };\n");
            body = "$(format-json --key .j.* --shift 3)";
        } else if (json) {
            body = "$(format-json message=${MESSAGE} file=${FILE_NAME} timestamp=${ISODATE})";
        } else {
            body = "${MESSAGE}";
        }
        s.append("destination d_http { http(url(\"http://127.0.0.1:").append(c.sinkPort()).append("/syslog-ng\") method(\"POST\")")
                .append(" headers(\"Content-Type: application/x-ndjson\") body(\"").append(body.replace("\"", "\\\"")).append("\")")
                .append(" delimiter(\"\\n\") batch-lines(1000) batch-bytes(1048576) batch-timeout(1000) workers(1)")
                .append(" log-fifo-size(").append(c.scenario() == Scenario.FILES1000 ? 200000 : 100000).append(")");
        if (c.scenario() == Scenario.DISK) {
            Path dir = run.resolve("disk-buffer");
            Files.createDirectories(dir);
            s.append(" disk-buffer(reliable(yes) dir(\"").append(dir).append("\") disk-buf-size(4294967296)")
                    .append(" mem-buf-size(10485760))");
        }
        s.append("); };\n");
        s.append("log { source(s_in); ");
        if (c.scenario() == Scenario.JSON) {
            s.append("parser(p_json); ");
        }
        s.append("destination(d_http); flags(flow-control); };\n");
        Path conf = run.resolve("syslog-ng.conf");
        Files.writeString(conf, s);
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-F", "-f", conf.toString(),
                "-p", run.resolve("syslog-ng.pid").toString(), "-R", run.resolve("syslog-ng.persist").toString(),
                "-c", run.resolve("syslog-ng.ctl").toString(), "--no-caps");
        pb.redirectOutput(run.resolve("stdout.log").toFile());
        pb.redirectError(run.resolve("stderr.log").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    private String findHttpModule() {
        if (binary == null) {
            return null;
        }
        Path prefix = binary.toAbsolutePath().getParent().getParent();
        for (Path lib : new Path[] {prefix.resolve("lib/syslog-ng"), prefix.resolve("lib/x86_64-linux-gnu/syslog-ng")}) {
            if (!Files.isDirectory(lib)) {
                continue;
            }
            try (var versions = Files.list(lib)) {
                for (Path v : (Iterable<Path>) versions::iterator) {
                    if (Files.isRegularFile(v.resolve("libhttp.so"))) {
                        return v.resolve("libhttp.so").toString();
                    }
                }
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }
}
