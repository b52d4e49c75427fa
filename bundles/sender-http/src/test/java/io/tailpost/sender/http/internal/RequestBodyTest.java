package io.tailpost.sender.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import io.tailpost.sdk.LogEvent;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
    private static final BodyFormat NDJSON = new Formats.Ndjson();

    private static String text(RequestBody body) {
        return new String(body.array(), body.offset(), body.length(), StandardCharsets.UTF_8);
    }

    private static byte[] gunzip(RequestBody body) throws IOException {
        byte[] bytes = Arrays.copyOfRange(body.array(), body.offset(), body.offset() + body.length());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    @Test
    void oneLinePerEventAndNothingLeftFromTheLastBatch() {
        RequestBody body = new RequestBody(16);
        LogEvent withFields = LogEvent.ofBytes("a".getBytes(StandardCharsets.UTF_8), 0, 1, 0);
        withFields.fields().put("level", "info");

        body.encode(NDJSON, List.of(withFields, LogEvent.ofMessage("second")), Compression.NONE);
        String[] lines = text(body).split("\n", -1);
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("{\"timestamp\":\"1970-01-01T00:00:00.000000000Z\",\"message\":\"a\","
                + "\"level\":\"info\"}");
        assertThat(lines[1]).contains("\"message\":\"second\"");
        assertThat(lines[2]).isEmpty();

        body.encode(NDJSON, List.of(LogEvent.ofMessage("only")), Compression.NONE);
        assertThat(text(body)).endsWith("\"message\":\"only\"}\n").doesNotContain("second");
    }

    @Test
    void gzipRoundTripsAndReusesItsState() throws IOException {
        RequestBody plain = new RequestBody(16);
        RequestBody gzip = new RequestBody(16);
        Random random = new Random(42);
        for (int round = 0; round < 3; round++) {
            // Random bytes do not compress: the output array has to grow past its first size.
            List<LogEvent> batch = new ArrayList<>();
            for (int i = 0; i < 300 * (round + 1); i++) {
                byte[] noise = new byte[100];
                random.nextBytes(noise);
                batch.add(LogEvent.ofBytes(noise, 0, noise.length, i));
            }
            plain.encode(NDJSON, batch, Compression.NONE);
            gzip.encode(NDJSON, batch, Compression.GZIP);

            assertThat(gunzip(gzip)).isEqualTo(Arrays.copyOfRange(plain.array(), plain.offset(), plain.offset() + plain.length()));
        }
        gzip.encode(NDJSON, List.of(LogEvent.ofMessage("small")), Compression.GZIP);
        assertThat(new String(gunzip(gzip), StandardCharsets.UTF_8)).contains("\"message\":\"small\"");
        gzip.dispose();
    }

    @Test
    void aHigherGzipLevelShrinksLogLinesMoreAndBothRoundTrip() throws IOException {
        List<LogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            batch.add(LogEvent.ofMessage("GET /api/items/" + (i * 7919 % 10_000) + " 200 " + (i % 900) + "ms user=u" + (i % 37)));
        }
        RequestBody plain = new RequestBody(16);
        plain.encode(NDJSON, batch, Compression.NONE);
        byte[] expected = Arrays.copyOfRange(plain.array(), plain.offset(), plain.offset() + plain.length());
        RequestBody body = new RequestBody(16);

        body.encode(NDJSON, batch, 0, Long.MAX_VALUE, Compression.GZIP, 1);
        int fast = body.length();
        assertThat(gunzip(body)).isEqualTo(expected);
        body.encode(NDJSON, batch, 0, Long.MAX_VALUE, Compression.GZIP, 9);
        int small = body.length();
        assertThat(gunzip(body)).isEqualTo(expected);

        assertThat(small).isLessThan(fast);
        body.dispose();
    }

    @Test
    void poolReusesBodiesButDropsOversizedOnes() {
        BodyPool pool = new BodyPool(2, 16, 1024);
        RequestBody first = pool.take();
        pool.give(first);
        assertThat(pool.take()).isSameAs(first);

        first.encode(NDJSON, List.of(LogEvent.ofMessage("x".repeat(4096))), Compression.NONE);
        pool.give(first);
        assertThat(pool.take()).isNotSameAs(first);
    }
}
