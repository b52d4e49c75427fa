package io.tailpost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.json.ByteArrayBuilder;
import io.tailpost.sdk.json.EventJson;
import io.tailpost.sdk.json.JsonFields;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static LogEvent parsed(String json, String source) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        LogEvent e = LogEvent.ofBytes(bytes, 0, bytes.length, 7);
        e.setFields(JsonFields.parseObject(bytes, 0, bytes.length));
        e.clearMessage();
        e.setSource(source);
        return e;
    }

    private static String json(LogEvent e) {
        ByteArrayBuilder out = new ByteArrayBuilder(64);
        EventJson.writeEvent(e, out);
        return out.toString();
    }

    @Test
    void fieldsKeptAsJsonBytesComeBackAsBytesAndOthersAsValues() {
        LogEvent raw = parsed("{\"level\":\"WARN\",\"n\":12,\"nested\":{\"a\":[1,2.5,null]}}", "/a.log");
        LogEvent read = parsed("{\"k\":\"v\"}", "/a.log");
        read.fields().put("added", 3L); // read as objects: stored value by value
        LogEvent plain = LogEvent.ofMessage("m");
        plain.fields().put("x", true);
        ByteArrayBuilder out = new ByteArrayBuilder(64);

        EventCodec.encode(List.of(raw, read, plain), out);
        byte[] bytes = out.toByteArray();
        List<LogEvent> back = EventCodec.decode(bytes, 0, bytes.length);

        assertThat(back.get(0).fields()).isInstanceOf(JsonFields.class);
        assertThat(json(back.get(0))).isEqualTo(json(raw));
        assertThat(back.get(1).fields()).containsExactly(Map.entry("k", "v"), Map.entry("added", 3L));
        assertThat(back.get(2).fields()).containsExactly(Map.entry("x", true));
        assertThat(back.get(2).message()).isEqualTo("m");
    }

    @Test
    void damagedJsonFieldsAreReportedNotPassedOn() {
        LogEvent raw = parsed("{\"level\":\"WARN\"}", null);
        ByteArrayBuilder out = new ByteArrayBuilder(64);
        EventCodec.encode(List.of(raw), out);
        byte[] bytes = out.toByteArray();
        bytes[bytes.length - 1] = 'x'; // the closing brace of the stored object

        assertThatThrownBy(() -> EventCodec.decode(bytes, 0, bytes.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
    }
}
