package io.tailpost.sdk.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.tailpost.sdk.LogEvent;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static String encode(LogEvent e) {
        ByteArrayBuilder out = new ByteArrayBuilder(64);
        EventJson.writeEvent(e, out);
        return out.toString();
    }

    @Test
    void writesTimestampMessageSourceAndFields() {
        Instant t = Instant.parse("2026-12-04T20:11:58.123456789Z");
        byte[] line = "hello \"world\"\t\\".getBytes(StandardCharsets.UTF_8);
        LogEvent e = LogEvent.ofBytes(line, 0, line.length, t.getEpochSecond() * 1_000_000_000L + t.getNano());
        e.setSource("/var/log/a.log");
        e.fields().put("n", 42L);
        e.fields().put("ok", true);
        e.fields().put("x", 1.5);
        assertThat(encode(e)).isEqualTo("{\"timestamp\":\"2026-12-04T20:11:58.123456789Z\","
                + "\"message\":\"hello \\\"world\\\"\\t\\\\\",\"source\":\"/var/log/a.log\",\"n\":42,\"ok\":true,\"x\":1.5}");
    }

    @Test
    void timestampsBeforeTheEpochAndInLeapYears() {
        for (String s : new String[] {"1969-12-31T23:59:59.999999999Z", "2024-02-29T00:00:00.000000000Z",
            "2000-03-01T12:34:56.000000001Z"}) {
            Instant t = Instant.parse(s);
            ByteArrayBuilder out = new ByteArrayBuilder(8);
            EventJson.writeTimestamp(t.getEpochSecond() * 1_000_000_000L + t.getNano(), out);
            assertThat(out.toString()).isEqualTo(s);
        }
    }

    @Test
    void invalidUtf8BecomesReplacementAndControlCharsAreEscaped() {
        byte[] bytes = {'a', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, 0x01, (byte) 0xE2, (byte) 0x82};
        ByteArrayBuilder out = new ByteArrayBuilder(4);
        EventJson.writeUtf8String(bytes, 0, bytes.length, out);
        assertThat(out.toString()).isEqualTo("\"a\u00e9\ufffd\\u0001\ufffd\ufffd\"");
    }

    @Test
    void fieldNamedLikeBuiltInReplacesIt() {
        LogEvent e = LogEvent.ofMessage("raw");
        e.fields().put("message", "parsed");
        assertThat(encode(e)).contains("\"message\":\"parsed\"").doesNotContain("raw");
    }

    @Test
    void decimalsIncludingExtremes() {
        ByteArrayBuilder out = new ByteArrayBuilder(1);
        out.writeDecimal(0).write(' ').writeDecimal(-12).write(' ').writeDecimal(Long.MAX_VALUE).write(' ')
                .writeDecimal(Long.MIN_VALUE);
        assertThat(out.toString()).isEqualTo("0 -12 9223372036854775807 -9223372036854775808");
    }
}
