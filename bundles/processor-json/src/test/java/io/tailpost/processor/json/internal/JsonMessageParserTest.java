package io.tailpost.processor.json.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tailpost.sdk.LogEvent;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

class JsonMessageParserTest {

    private static JsonMessageParser parser(Map<String, Object> config) {
        return new JsonMessageParser(Converters.standardConverter().convert(config).to(JsonProcessorConfig.class));
    }

    private static LogEvent event(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        return LogEvent.ofBytes(bytes, 0, bytes.length, 1L);
    }

    private static LogEvent process(JsonMessageParser processor, LogEvent event) {
        List<LogEvent> batch = new ArrayList<>(List.of(event));
        processor.process(batch);
        assertThat(batch).containsExactly(event);
        return event;
    }

    private static LogEvent process(String message) {
        return process(parser(Map.of()), event(message));
    }

    @Test
    void mergesTopLevelKeysIntoFieldsAndRemovesTheMessage() {
        LogEvent e = process("{\"level\":\"info\",\"n\":42,\"ok\":true,\"x\":null,\"ratio\":0.5}");

        assertThat(e.fields()).containsExactly(entry("level", "info"), entry("n", 42L), entry("ok", true),
                entry("x", null), entry("ratio", 0.5));
        assertThat(e.hasMessage()).isFalse();
    }

    @Test
    void mergeReplacesExistingFieldsOfTheSameNameAndKeepsOthers() {
        LogEvent e = event("{\"level\":\"warn\",\"b\":2}");
        e.fields().put("level", "info");
        e.fields().put("host", "h1");

        process(parser(Map.of()), e);

        assertThat(e.fields()).containsExactly(entry("level", "warn"), entry("host", "h1"), entry("b", 2L));
    }

    @Test
    void buildsNestedMapsAndLists() {
        LogEvent e = process("{\"req\":{\"path\":\"/a\",\"tags\":[1,\"two\",[3.5],{\"k\":false}]},\"e\":{},\"l\":[]}");

        assertThat(e.fields().get("req")).isEqualTo(
                Map.of("path", "/a", "tags", List.of(1L, "two", List.of(3.5), Map.of("k", false))));
        assertThat(e.fields().get("e")).isEqualTo(Map.of());
        assertThat(e.fields().get("l")).isEqualTo(List.of());
    }

    @Test
    void numbersBeyondLongOrDoubleAreKeptAsTheirText() {
        LogEvent e = process("{\"big\":123456789012345678901234567890,\"max\":9223372036854775807,"
                + "\"neg\":-9223372036854775808,\"huge\":1e400,\"exp\":1e2}");

        assertThat(e.fields()).containsExactly(entry("big", "123456789012345678901234567890"),
                entry("max", Long.MAX_VALUE), entry("neg", Long.MIN_VALUE), entry("huge", "1e400"),
                entry("exp", 100.0));
    }

    @Test
    void putsAnyJsonValueUnderTheTargetField() {
        JsonMessageParser p = parser(Map.of("target", "json"));

        LogEvent object = process(p, event("{\"a\":1}"));
        LogEvent array = process(p, event("[1,2]"));
        LogEvent string = process(p, event("\"text\""));

        assertThat(object.fields()).containsExactly(entry("json", Map.of("a", 1L)));
        assertThat(object.hasMessage()).isFalse();
        assertThat(array.fields()).containsExactly(entry("json", List.of(1L, 2L)));
        assertThat(string.fields()).containsExactly(entry("json", "text"));
    }

    @Test
    void keepMessageLeavesTheRawMessage() {
        LogEvent e = process(parser(Map.of("keep.message", true)), event("{\"a\":1}"));

        assertThat(e.fields()).containsExactly(entry("a", 1L));
        assertThat(e.message()).isEqualTo("{\"a\":1}");
    }

    @Test
    void invalidJsonPassesThroughWithParseErrorNamingTheByte() {
        LogEvent e = event("{\"a\":1, \"b\": nope}");
        e.fields().put("host", "h1");

        process(parser(Map.of()), e);

        assertThat(e.message()).isEqualTo("{\"a\":1, \"b\": nope}");
        assertThat(e.fields()).containsOnlyKeys("host", JsonMessageParser.PARSE_ERROR);
        assertThat((String) e.fields().get(JsonMessageParser.PARSE_ERROR))
                .startsWith("not JSON at byte 13: ")
                .contains("nope");
    }

    @Test
    void plainTextIsNotJson() {
        LogEvent e = process("GET /index.html 200");

        assertThat(e.message()).isEqualTo("GET /index.html 200");
        assertThat(e.fields()).containsOnlyKeys(JsonMessageParser.PARSE_ERROR);
        assertThat((String) e.fields().get(JsonMessageParser.PARSE_ERROR)).startsWith("not JSON at byte ");
    }

    @Test
    void aFailureHalfWayLeavesNoPartialFields() {
        LogEvent e = process("{\"a\":1,\"b\":{\"c\":2,");

        assertThat(e.fields()).containsOnlyKeys(JsonMessageParser.PARSE_ERROR);
        assertThat((String) e.fields().get(JsonMessageParser.PARSE_ERROR))
                .startsWith("not JSON at byte 18: ")
                .containsIgnoringCase("end-of-input");
        assertThat(e.hasMessage()).isTrue();
    }

    @Test
    void aJsonValueThatIsNotAnObjectIsRejectedWhenMerging() {
        assertThat(process("[1,2,3]").fields())
                .containsExactly(entry(JsonMessageParser.PARSE_ERROR, "not a JSON object at byte 0: found an array"));
        assertThat(process("  42").fields())
                .containsExactly(entry(JsonMessageParser.PARSE_ERROR, "not a JSON object at byte 2: found a number"));
        assertThat(process("\"hi\"").fields())
                .containsExactly(entry(JsonMessageParser.PARSE_ERROR, "not a JSON object at byte 0: found a string"));
        assertThat(process("[1,2,3]").message()).isEqualTo("[1,2,3]");
    }

    @Test
    void trailingDataIsAnError() {
        LogEvent second = process("{\"a\":1} {\"b\":2}");
        LogEvent garbage = process("{\"a\":1}xyz");

        assertThat(second.fields()).containsExactly(
                entry(JsonMessageParser.PARSE_ERROR, "trailing data after the JSON value at byte 8"));
        assertThat(second.message()).isEqualTo("{\"a\":1} {\"b\":2}");
        assertThat((String) garbage.fields().get(JsonMessageParser.PARSE_ERROR))
                .startsWith("trailing data after the JSON value at byte ");
        assertThat(garbage.fields()).containsOnlyKeys(JsonMessageParser.PARSE_ERROR);
    }

    @Test
    void trailingWhitespaceIsFine() {
        LogEvent e = process("{\"a\":1} \t\r\n");

        assertThat(e.fields()).containsExactly(entry("a", 1L));
    }

    @Test
    void decodesUtf8InKeysAndValues() {
        LogEvent e = process("{\"grüße\":\"héllo wörld ✓ 😀\",\"esc\":\"\\u00e9\\n\"}");

        assertThat(e.fields()).containsExactly(entry("grüße", "héllo wörld ✓ 😀"), entry("esc", "é\n"));
    }

    @Test
    void readsOnlyTheMessageSliceAndCountsBytesFromItsStart() {
        byte[] buffer = "xxxx{\"a\":\"é\"}\n{\"b\":?}yyyy".getBytes(StandardCharsets.UTF_8);
        LogEvent good = LogEvent.ofBytes(buffer, 4, 10, 1L);
        LogEvent bad = LogEvent.ofBytes(buffer, 15, 7, 1L);

        JsonMessageParser p = parser(Map.of());
        p.process(new ArrayList<>(List.of(good, bad)));

        assertThat(good.fields()).containsExactly(entry("a", "é"));
        assertThat((String) bad.fields().get(JsonMessageParser.PARSE_ERROR)).startsWith("not JSON at byte 5: ");
    }

    @Test
    void emptyMessageGetsAParseError() {
        LogEvent empty = process("");
        LogEvent blank = process("   ");

        assertThat(empty.fields()).containsExactly(entry(JsonMessageParser.PARSE_ERROR, "not JSON at byte 0: empty message"));
        assertThat(empty.hasMessage()).isTrue();
        assertThat(blank.fields()).containsExactly(entry(JsonMessageParser.PARSE_ERROR, "not JSON at byte 3: only whitespace"));
    }

    @Test
    void eventsWithoutMessageAreLeftAlone() {
        LogEvent e = LogEvent.empty();
        e.fields().put("a", 1L);

        process(parser(Map.of()), e);

        assertThat(e.fields()).containsExactly(entry("a", 1L));
    }

    @Test
    void parsesTextMessagesAndEveryEventOfABatch() {
        List<LogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            LogEvent e = LogEvent.ofMessage(i % 2 == 0 ? "{\"i\":" + i + "}" : "bad " + i);
            e.fields().put("seq", (long) i);
            batch.add(e);
        }

        parser(Map.of()).process(batch);

        for (int i = 0; i < 5; i++) {
            Map<String, Object> fields = batch.get(i).fields();
            if (i % 2 == 0) {
                assertThat(fields).containsExactly(entry("seq", (long) i), entry("i", (long) i));
            } else {
                assertThat(fields).containsOnlyKeys("seq", JsonMessageParser.PARSE_ERROR);
                assertThat(batch.get(i).message()).isEqualTo("bad " + i);
            }
        }
    }

    @Test
    void tooDeepNestingIsAParseErrorNotACrash() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        LogEvent e = process(deep);

        assertThat((String) e.fields().get(JsonMessageParser.PARSE_ERROR)).startsWith("not JSON at byte ");
        assertThat(e.hasMessage()).isTrue();
    }

    @Test
    void duplicateKeysKeepTheLastValue() {
        Map<String, Object> config = new HashMap<>();
        config.put("target", "");

        LogEvent e = process(parser(config), event("{\"a\":1,\"a\":2}"));

        assertThat(e.fields()).containsExactly(entry("a", 2L));
    }
}
