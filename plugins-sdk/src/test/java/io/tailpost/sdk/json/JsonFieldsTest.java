package io.tailpost.sdk.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tailpost.sdk.LogEvent;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {

    private static JsonFields parse(String text) {
        byte[] bytes = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8);
        return JsonFields.parseObject(bytes, 2, bytes.length - 4);
    }

    @Test
    void valuesBecomeJavaObjectsInOrder() {
        JsonFields f = parse(" {\"s\":\"caf\u00e9 \\\"q\\\" \\u0041\\n\", \"i\":-42, \"big\":123456789012345678901234,"
                + "\"d\":1.5e3, \"inf\":1e999, \"t\":true, \"f\":false, \"n\":null,"
                + " \"a\":[1,[],{}], \"o\":{\"k\":[\"v\"]}} ");

        assertThat(f).isNotNull();
        assertThat(f.size()).isEqualTo(10);
        assertThat(f.get("s")).isEqualTo("caf\u00e9 \"q\" A\n");
        assertThat(f).containsExactly(entry("s", "caf\u00e9 \"q\" A\n"), entry("i", -42L),
                entry("big", "123456789012345678901234"), entry("d", 1500.0), entry("inf", "1e999"),
                entry("t", true), entry("f", false), entry("n", null),
                entry("a", List.of(1L, List.of(), Map.of())), entry("o", Map.of("k", List.of("v"))));
    }

    @Test
    void anythingButOneWellFormedObjectIsLeftToTheCaller() {
        String[] rejected = {"", "  ", "[1]", "\"s\"", "{", "{\"a\":1", "{\"a\":1}x", "{\"a\":1,}", "{\"a\" 1}",
            "{a:1}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":\"\\x\"}",
            "{\"a\":\"\\u12g4\"}", "{\"a\":\"tab\there\"}", "{\"a\":\"unterminated}", "{\"a\":[1,]}",
            "{\"a\":1,\"a\":2}", "{\"a\\u0062\":1}", "{\"a\":{\"b\":}}"};
        for (String text : rejected) {
            assertThat(parse(text)).as(text).isNull();
        }
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertThat(JsonFields.parseObject(invalidUtf8, 0, invalidUtf8.length)).isNull();
    }

    @Test
    void deepNestingIsLeftToTheCaller() {
        String deep = "{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
        assertThat(parse(deep)).isNull();
    }

    @Test
    void anEventWithParsedFieldsIsWrittenLikeOneWithTheSameMap() {
        String json = "{ \"level\":\"INFO\",\"msg\":\"a \\\"quoted\\\" word\", \"n\" : 7,\"tags\":[\"x\",\"y\"] }";
        LogEvent raw = LogEvent.ofMessage("ignored");
        raw.clearMessage();
        raw.setTimeUnixNanos(0);
        raw.setSource("/var/log/app.log");
        raw.setFields(parse(json));
        LogEvent objects = LogEvent.ofMessage("ignored");
        objects.clearMessage();
        objects.setTimeUnixNanos(0);
        objects.setSource("/var/log/app.log");
        objects.setFields(new LinkedHashMap<>(parse(json)));

        assertThat(write(raw).replace(" ", "")).isEqualTo(write(objects).replace(" ", ""))
                .isEqualTo("{\"timestamp\":\"1970-01-01T00:00:00.000000000Z\",\"source\":\"/var/log/app.log\","
                        + "\"level\":\"INFO\",\"msg\":\"a\\\"quoted\\\"word\",\"n\":7,\"tags\":[\"x\",\"y\"]}");
    }

    @Test
    void aParsedFieldNamedLikeABuiltInReplacesItWithoutBecomingObjects() {
        JsonFields fields = parse("{\"message\":\"from the object\",\"timestamp\":\"then\"}");
        LogEvent e = LogEvent.ofMessage("the line");
        e.setFields(fields);

        assertThat(write(e)).isEqualTo("{\"message\":\"from the object\",\"timestamp\":\"then\"}");
        assertThat(fields.raw()).isTrue();
    }

    @Test
    void changesApplyToTheObjectsAndAreWritten() {
        JsonFields fields = parse("{\"a\":1,\"b\":2}");
        LogEvent e = LogEvent.ofMessage("x");
        e.clearMessage();
        e.setTimeUnixNanos(0);
        e.setFields(fields);

        e.fields().put("c", "three");
        e.fields().remove("a");

        assertThat(fields.raw()).isFalse();
        assertThat(write(e)).endsWith(",\"b\":2,\"c\":\"three\"}");
        assertThat(parse("{}")).isEmpty();
    }

    private static String write(LogEvent e) {
        ByteArrayBuilder out = new ByteArrayBuilder(16);
        EventJson.writeEvent(e, out);
        return out.toString();
    }
}
