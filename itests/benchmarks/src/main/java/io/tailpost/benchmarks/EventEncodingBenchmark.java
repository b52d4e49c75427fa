package io.tailpost.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.json.ByteArrayBuilder;
import io.tailpost.sdk.json.EventJson;
import io.tailpost.sdk.json.JsonFields;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building one NDJSON request body from a batch of 1000 events, as the HTTP sender does:
 * raw nginx access lines (the message escaped into JSON), and JSON lines parsed by the
 * json processor (the members copied as they are). One operation is one batch.
 *
 * <pre>java -cp itests/benchmarks/target/benchmarks.jar org.openjdk.jmh.Main EventEncodingBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class EventEncodingBenchmark {
    private static final int BATCH = 1000;

    private final List<LogEvent> accessLines = new ArrayList<>();
    private final List<byte[]> jsonLines = new ArrayList<>();
    private final ByteArrayBuilder body = new ByteArrayBuilder(1 << 20);

    @Setup
    public void setUp() {
        Random random = new Random(42);
        long now = LogEvent.nowUnixNanos();
        for (int i = 0; i < BATCH; i++) {
            String line = (random.nextInt(223) + 1) + "." + random.nextInt(256) + ".0." + random.nextInt(256)
                    + " - - [14/Nov/2023:22:13:20 +0000] \"GET /api/v1/items/" + random.nextInt(100_000)
                    + "?page=" + random.nextInt(50) + " HTTP/1.1\" 200 " + random.nextInt(60_000)
                    + " \"https://shop.example.org/products/list\" \"Mozilla/5.0 (X11; Linux x86_64) "
                    + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36\" rt=0."
                    + random.nextInt(1000);
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            LogEvent e = LogEvent.ofBytes(bytes, 0, bytes.length, now);
            e.setSource("/var/log/nginx/access.log");
            accessLines.add(e);
            jsonLines.add(("{\"ts\":\"2023-11-14T22:13:20.007Z\",\"level\":\"INFO\",\"logger\":\"io.example.auth.TokenFilter\","
                    + "\"thread\":\"http-nio-8080-exec-" + random.nextInt(200) + "\",\"trace_id\":\""
                    + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())
                    + "\",\"msg\":\"stock level below threshold\",\"order_id\":" + random.nextInt(10_000_000)
                    + ",\"duration_ms\":" + random.nextInt(2000) + ",\"status\":200}").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Benchmark
    public int accessLinesToNdjson() {
        body.reset();
        for (int i = 0; i < BATCH; i++) {
            EventJson.writeEvent(accessLines.get(i), body);
            body.write('\n');
        }
        return body.size();
    }

    @Benchmark
    public int jsonLinesParsedToNdjson() {
        body.reset();
        long now = LogEvent.nowUnixNanos();
        for (int i = 0; i < BATCH; i++) {
            byte[] line = jsonLines.get(i);
            LogEvent e = LogEvent.ofBytes(line, 0, line.length, now);
            e.setSource("/var/log/app/app.jsonl");
            e.setFields(JsonFields.parseObject(line, 0, line.length));
            e.clearMessage();
            EventJson.writeEvent(e, body);
            body.write('\n');
        }
        return body.size();
    }
}
