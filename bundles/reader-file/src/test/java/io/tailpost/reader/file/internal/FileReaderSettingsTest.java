package io.tailpost.reader.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

class FileReaderSettingsTest {
    static FileReaderConfig config(Map<String, Object> properties) {
        return Converters.standardConverter().convert(properties).to(FileReaderConfig.class);
    }

    @Test
    void defaults() {
        FileReaderSettings s = FileReaderSettings.from(config(Map.of("paths", new String[] {"/var/log/*.log"})));

        assertThat(s.paths()).containsExactly("/var/log/*.log");
        assertThat(s.exclude()).isEmpty();
        assertThat(s.startAtEnd()).isFalse();
        assertThat(s.rescanInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.readBufferSize()).isEqualTo(64 * 1024);
        assertThat(s.maxLineBytes()).isEqualTo(1024 * 1024);
        assertThat(s.batchMaxLines()).isEqualTo(1000);
    }

    @Test
    void readsDottedKeys() {
        FileReaderSettings s = FileReaderSettings.from(config(Map.of("paths", "/a/*.log", "start.at", "end",
                "rescan.interval", "250ms", "read.buffer.size", "1KiB", "max.line.bytes", "100",
                "batch.max.lines", 7, "exclude", new String[] {"*.old"})));

        assertThat(s.paths()).containsExactly("/a/*.log");
        assertThat(s.startAtEnd()).isTrue();
        assertThat(s.rescanInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.readBufferSize()).isEqualTo(1024);
        assertThat(s.maxLineBytes()).isEqualTo(100);
        assertThat(s.batchMaxLines()).isEqualTo(7);
        assertThat(s.exclude()).containsExactly("*.old");
    }

    @Test
    void reportsEveryProblemWithItsKey() {
        FileReaderConfig bad = config(Map.of("paths", new String[] {"logs/*.log"}, "start.at", "middle",
                "rescan.interval", "soon", "read.buffer.size", "12XB", "max.line.bytes", "0",
                "batch.max.lines", 0, "exclude", new String[] {"tmp/*.log"}));

        assertThatThrownBy(() -> FileReaderSettings.from(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paths: pattern 'logs/*.log' is not an absolute path")
                .hasMessageContaining("start_at: 'middle'")
                .hasMessageContaining("rescan_interval: 'soon'")
                .hasMessageContaining("read_buffer_size: '12XB'")
                .hasMessageContaining("max_line_bytes: '0'")
                .hasMessageContaining("batch_max_lines: must be at least 1")
                .hasMessageContaining("exclude: pattern 'tmp/*.log'");
    }

    @Test
    void pathsAreRequired() {
        assertThatThrownBy(() -> FileReaderSettings.from(config(Map.of())))
                .hasMessageContaining("paths: at least one absolute glob pattern is required");
    }

    @Test
    void defaultsOfTheRotationEncodingAndMultilineKeys() {
        FileReaderSettings s = FileReaderSettings.from(config(Map.of("paths", new String[] {"/var/log/*.log"})));

        assertThat(s.truncateLongLines()).isFalse();
        assertThat(s.partialLineFlush()).isZero();
        assertThat(s.encoding()).isEqualTo(LineEncoding.UTF_8);
        assertThat(s.followSymlinks()).isTrue();
        assertThat(s.fingerprintBytes()).isEqualTo(1024);
        assertThat(s.maxOpenFiles()).isEqualTo(1024);
        assertThat(s.closeIdleAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.checkpointFlushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.multiline()).isNull();
    }

    @Test
    void reportsBadValuesOfTheNewKeys() {
        FileReaderConfig bad = config(Map.of("paths", "/a/*.log", "line.too.long", "drop", "encoding", "ebcdic",
                "symlinks", "maybe", "max.open.files", 0, "multiline.mode", "start", "close.idle.after", "x"));

        assertThatThrownBy(() -> FileReaderSettings.from(bad))
                .hasMessageContaining("line_too_long: 'drop'")
                .hasMessageContaining("encoding: 'ebcdic'")
                .hasMessageContaining("symlinks: 'maybe'")
                .hasMessageContaining("max_open_files: must be at least 1")
                .hasMessageContaining("close_idle_after: 'x'")
                .hasMessageContaining("multiline.pattern: required for multiline.mode 'start'");
        assertThatThrownBy(() -> FileReaderSettings.from(config(Map.of("paths", "/a/*.log",
                "multiline.mode", "continue", "multiline.pattern", "(unclosed"))))
                .hasMessageContaining("multiline.pattern: '(unclosed' is not a valid regular expression");
    }
}
