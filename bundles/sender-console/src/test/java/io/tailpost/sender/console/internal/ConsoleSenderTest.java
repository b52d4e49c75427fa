package io.tailpost.sender.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.sender.SendOutcome;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

class ConsoleSenderTest {
    /** 2026-01-02T03:04:05.000000006Z */
    private static final long TIME = 1_767_323_045_000_000_006L;

    /** Records the bytes and how many write calls delivered them. */
    private static final class RecordingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;

        @Override
        public void write(int b) {
            writes++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            bytes.write(b, off, len);
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static ConsoleSenderConfig config(Map<String, Object> map) {
        return Converters.standardConverter().convert(map).to(ConsoleSenderConfig.class);
    }

    private static LogEvent event(String message) {
        byte[] bytes = ("xx" + message + "yy").getBytes(StandardCharsets.UTF_8);
        LogEvent e = LogEvent.ofBytes(bytes, 2, bytes.length - 4, TIME);
        return e;
    }

    private static SendOutcome send(ConsoleSender sender, LogEvent... events) throws Exception {
        return sender.send(List.of(events)).toCompletableFuture().get();
    }

    @Test
    void textWritesOneLinePerEventInOneWrite() throws Exception {
        RecordingStream out = new RecordingStream();
        ConsoleSender sender = new ConsoleSender(config(Map.of()), out);

        SendOutcome outcome = send(sender, event("first"), event("zweite Zeile ✓"), event(""));

        assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.DELIVERED);
        assertThat(out.text()).isEqualTo("first\nzweite Zeile ✓\n\n");
        assertThat(out.writes).isEqualTo(1);
    }

    @Test
    void textWritesFieldsAsJsonWhenThereIsNoMessage() throws Exception {
        RecordingStream out = new RecordingStream();
        ConsoleSender sender = new ConsoleSender(config(Map.of("format", "text")), out);
        LogEvent parsed = LogEvent.empty();
        parsed.fields().put("level", "info");
        parsed.fields().put("n", 3L);
        parsed.fields().put("tags", List.of("a", "b\"c"));

        send(sender, parsed, LogEvent.empty());

        assertThat(out.text()).isEqualTo("{\"level\":\"info\",\"n\":3,\"tags\":[\"a\",\"b\\\"c\"]}\n{}\n");
    }

    @Test
    void jsonWritesWholeEvents() throws Exception {
        RecordingStream out = new RecordingStream();
        ConsoleSender sender = new ConsoleSender(config(Map.of("format", "json")), out);
        LogEvent e = event("line with \"quotes\"");
        e.setSource("/var/log/app.log");
        e.fields().put("level", "warn");

        send(sender, e, event("second"));

        assertThat(out.text()).isEqualTo(
                "{\"timestamp\":\"2026-01-02T03:04:05.000000006Z\",\"message\":\"line with \\\"quotes\\\"\","
                        + "\"source\":\"/var/log/app.log\",\"level\":\"warn\"}\n"
                        + "{\"timestamp\":\"2026-01-02T03:04:05.000000006Z\",\"message\":\"second\"}\n");
        assertThat(out.writes).isEqualTo(1);
    }

    @Test
    void emptyBatchWritesNothing() throws Exception {
        RecordingStream out = new RecordingStream();
        ConsoleSender sender = new ConsoleSender(config(Map.of()), out);

        SendOutcome outcome = sender.send(List.of()).toCompletableFuture().get();

        assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.DELIVERED);
        assertThat(out.writes).isZero();
    }

    @Test
    void aFailedWriteIsRetryable() throws Exception {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        ConsoleSender sender = new ConsoleSender(config(Map.of("stream", "stderr")), broken);

        SendOutcome outcome = send(sender, event("lost?"));

        assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.RETRYABLE);
        assertThat(outcome.reason()).isEqualTo("writing to stderr failed: Broken pipe");
    }

    @Test
    void concurrentBatchesDoNotInterleave() throws Exception {
        RecordingStream out = new RecordingStream();
        ConsoleSender sender = new ConsoleSender(config(Map.of()), out);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SendOutcome>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String prefix = "batch" + t + "-";
                results.add(pool.submit(() -> {
                    List<LogEvent> batch = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        batch.add(event(prefix + i));
                    }
                    return sender.send(batch).toCompletableFuture().get();
                }));
            }
            for (Future<SendOutcome> f : results) {
                assertThat(f.get().kind()).isEqualTo(SendOutcome.Kind.DELIVERED);
            }
        } finally {
            pool.shutdown();
        }

        String[] lines = out.text().split("\n");
        assertThat(lines).hasSize(8 * 200);
        assertThat(out.writes).isEqualTo(8);
        for (int start = 0; start < lines.length; start += 200) {
            String prefix = lines[start].substring(0, lines[start].indexOf('-') + 1);
            for (int i = 0; i < 200; i++) {
                assertThat(lines[start + i]).isEqualTo(prefix + i);
            }
        }
    }

    @Test
    void acceptsTheConfiguredStreamsAndFormatsAndRejectsOthersNamingTheKey() {
        assertThat(new ConsoleSender(config(Map.of("stream", "stderr", "format", "JSON")))).isNotNull();
        assertThat(new ConsoleSender(config(Map.of()))).isNotNull();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ConsoleSender(config(Map.of("format", "yaml"))))
                .withMessage("format: 'yaml' is not a console format (use text or json)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ConsoleSender(config(Map.of("stream", "stdlog"))))
                .withMessage("stream: 'stdlog' is not a console stream (use stdout or stderr)");
    }
}
