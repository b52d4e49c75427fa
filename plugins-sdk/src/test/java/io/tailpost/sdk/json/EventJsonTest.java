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

    private static String utf8String(byte[] bytes) {
        ByteArrayBuilder out = new ByteArrayBuilder(4);
        EventJson.writeUtf8String(bytes, 0, bytes.length, out);
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
        assertThat(utf8String(bytes)).isEqualTo("\"a\u00e9\ufffd\\u0001\ufffd\ufffd\"");
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

    @Test
    void escapesEveryByteThatNeedsItWhereverItFallsInAWord() {
        // Each special byte at each position of a long run of plain text, so the
        // eight-bytes-at-a-time path and the byte path both meet it.
        String[] specials = {"\"", "\\", "\n", "\u0001", "\u001f", "\u00e9", "\u20ac", "\ud83d\ude00", " "};
        String plain = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (String special : specials) {
            for (int at = 0; at <= plain.length(); at++) {
                String text = plain.substring(0, at) + special + plain.substring(at);
                byte[] bytes = ("#" + text + "#").getBytes(StandardCharsets.UTF_8);
                ByteArrayBuilder out = new ByteArrayBuilder(8);
                EventJson.writeUtf8String(bytes, 1, bytes.length - 2, out);
                ByteArrayBuilder expected = new ByteArrayBuilder(8);
                EventJson.writeString(text, expected);
                assertThat(out.toString()).as("special %s at %d", special, at).isEqualTo(expected.toString());
            }
        }
    }

    @Test
    void replacesInvalidBytesInsideLongPlainRuns() {
        byte[] bytes = "0123456789abcdef\u00ff0123456789".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(utf8String(bytes)).isEqualTo("\"0123456789abcdef\ufffd0123456789\"");
    }

    @Test
    void eventsOfDifferentSourcesKeepTheirOwnSource() {
        LogEvent a = LogEvent.ofMessage("x");
        a.setSource("/a.log");
        LogEvent b = LogEvent.ofMessage("x");
        b.setSource("/b \"quoted\".log");
        assertThat(encode(a)).endsWith(",\"source\":\"/a.log\"}");
        assertThat(encode(b)).endsWith(",\"source\":\"/b \\\"quoted\\\".log\"}");
        assertThat(encode(a)).endsWith(",\"source\":\"/a.log\"}");
    }

    @Test
    void firstMarkedByteIsTheLowestByteWithItsHighBitSet() {
        for (int k = 0; k < 8; k++) {
            long mark = 0x80L << (8 * k);
            assertThat(EventJson.firstMarkedByte(mark)).isEqualTo(k);
            // Marks above the lowest do not matter.
            assertThat(EventJson.firstMarkedByte(mark | 0x8000000000000000L)).isEqualTo(k);
        }
    }
}
