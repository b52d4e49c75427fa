package io.tailpost.sender.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.apache.hc.core5.http.Header;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

class HttpSenderSettingsTest {
    private static HttpSenderSettings settings(Map<String, Object> config) {
        return HttpSenderSettings.from(Converters.standardConverter().convert(config).to(HttpSenderConfig.class));
    }

    @Test
    void defaultsApply() {
        HttpSenderSettings s = settings(Map.of("url", "https://logs.example.com:8443/in?key=secret"));

        assertThat(s.url().toString()).isEqualTo("https://logs.example.com:8443/in?key=secret");
        assertThat(s.format()).isEqualTo("ndjson");
        assertThat(s.gzip()).isFalse();
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.headers()).isEmpty();
        assertThat(s.displayUrl()).isEqualTo("https://logs.example.com:8443/in");
    }

    @Test
    void readsEveryKey() {
        HttpSenderSettings s = settings(Map.of("url", "HTTP://127.0.0.1/x", "compression", "gzip", "timeout", "250ms",
                "headers", new String[] {"X-Api-Key: k1", "", "Accept:application/json"}));

        assertThat(s.gzip()).isTrue();
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.headers()).extracting(Header::getName, Header::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("X-Api-Key", "k1"),
                        org.assertj.core.groups.Tuple.tuple("Accept", "application/json"));
    }

    @Test
    void urlIsRequired() {
        assertThatThrownBy(() -> settings(Map.of())).hasMessageContaining("url is required");
    }

    @Test
    void urlMustBeHttpOrHttps() {
        assertThatThrownBy(() -> settings(Map.of("url", "ftp://example.com/logs")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("url must start with http:// or https:// (it has scheme 'ftp')");
        assertThatThrownBy(() -> settings(Map.of("url", "example.com/logs")))
                .hasMessageContaining("url must start with http:// or https:// (it has no scheme)");
        assertThatThrownBy(() -> settings(Map.of("url", "http://exa mple.com/")))
                .hasMessageContaining("url is not a valid URL: Illegal character in authority at index 7");
    }

    @Test
    void urlWithCredentialsIsRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> settings(Map.of("url", "https://bob:hunter2@example.com/in")))
                .hasMessageContaining("url https://example.com/in must not carry user info")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void unsupportedValuesAreNamedWithTheSupportedOnes() {
        assertThatThrownBy(() -> settings(Map.of("url", "http://h/", "format", "json_lines", "compression", "brotli",
                "timeout", "soon")))
                .hasMessageContaining("format 'json_lines' is not supported (supported: ndjson, json_array, es_bulk, loki,"
                        + " splunk_hec, otlp_protobuf, otlp_json, raw)")
                .hasMessageContaining("compression 'brotli' is not supported (supported: none, gzip, zstd)")
                .hasMessageContaining("timeout: 'soon' is not a duration");
        assertThatThrownBy(() -> settings(Map.of("url", "http://h/", "timeout", "0s")))
                .hasMessageContaining("timeout must be greater than 0");
    }

    @Test
    void badHeadersAreReportedWithoutTheirValues() {
        assertThatThrownBy(() -> settings(Map.of("url", "http://h/", "headers", new String[] {
            "Authorization Bearer s3cr3t", "Bad Name: s3cr3t", "Content-Length: 5", "Content-Encoding: br"})))
                .hasMessageContaining("headers[0] must have the form 'Name: value'")
                .hasMessageContaining("headers[1] has an invalid header name")
                .hasMessageContaining("headers[2]: Content-Length is set by the sender")
                .hasMessageContaining("headers[3]: Content-Encoding is set by the sender and cannot be configured"
                        + " (use compression)")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void toStringNamesHeadersButNotTheirValues() {
        HttpSenderSettings s = settings(Map.of("url", "http://h/",
                "headers", new String[] {"Authorization: Bearer s3cr3t"}));

        assertThat(s.toString()).contains("Authorization").doesNotContain("s3cr3t");
    }

    @Test
    void compressionLevelDefaultsPerAlgorithmAndIsChecked() {
        assertThat(settings(Map.of("url", "http://h/", "compression", "gzip")).compressionLevel()).isEqualTo(1);
        assertThat(settings(Map.of("url", "http://h/", "compression", "gzip", "compression.level", 9))
                .compressionLevel()).isEqualTo(9);
        assertThatThrownBy(() -> settings(Map.of("url", "http://h/", "compression", "gzip", "compression.level", 12)))
                .hasMessageContaining("compression_level 12 is out of range for gzip (0 for the default, else 1 to 9)");
    }
}
