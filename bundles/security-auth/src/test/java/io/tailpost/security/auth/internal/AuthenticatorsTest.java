package io.tailpost.security.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tailpost.sdk.security.RequestAuthenticator;
import io.tailpost.sdk.security.SecurityProviders;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

class AuthenticatorsTest {
    private static final URI URL = URI.create("https://logs.example/ingest");

    private static <T> T config(Class<T> type, Map<String, Object> values) {
        return Converters.standardConverter().convert(values).to(type);
    }

    private static Map<String, Object> props() {
        return Map.of(SecurityProviders.NAME, "corp");
    }

    private static Map<String, String> headersOf(RequestAuthenticator authenticator) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        authenticator.authenticate("POST", URL, headers::put);
        return headers;
    }

    @Test
    void apiKeyUsesTheDefaultHeader() throws Exception {
        ApiKeyAuthenticator auth = new ApiKeyAuthenticator(config(ApiKeyConfig.class, Map.of(".key", "k-123")), props());

        assertThat(headersOf(auth)).containsExactly(Map.entry("X-API-Key", "k-123"));
        assertThat(auth.toString()).doesNotContain("k-123");
    }

    @Test
    void apiKeyWithItsOwnHeader() throws Exception {
        ApiKeyAuthenticator auth = new ApiKeyAuthenticator(
                config(ApiKeyConfig.class, Map.of("header", "Authorization", ".key", "Splunk abc")), props());

        assertThat(headersOf(auth)).containsExactly(Map.entry("Authorization", "Splunk abc"));
    }

    @Test
    void apiKeyProblemsAreNamedWithoutTheKey() {
        assertThatThrownBy(() -> new ApiKeyAuthenticator(config(ApiKeyConfig.class, Map.of()), props()))
                .hasMessage("invalid api_key security provider 'corp': key is required");
        assertThatThrownBy(() -> new ApiKeyAuthenticator(
                config(ApiKeyConfig.class, Map.of("header", "Bad Header", ".key", "se\ncret")), props()))
                .hasMessageContaining("header must be a header name")
                .hasMessageContaining("key must be one line")
                .hasMessageNotContaining("se\ncret");
    }

    @Test
    void basicEncodesUserAndPasswordAsUtf8() throws Exception {
        BasicAuthenticator auth = new BasicAuthenticator(
                config(BasicAuthConfig.class, Map.of("username", "bob", ".password", "pä:ss")), props());

        String value = headersOf(auth).get("Authorization");
        assertThat(value).startsWith("Basic ");
        assertThat(new String(Base64.getDecoder().decode(value.substring(6)), StandardCharsets.UTF_8))
                .isEqualTo("bob:pä:ss");
    }

    @Test
    void basicNeedsAUserWithoutColon() {
        assertThatThrownBy(() -> new BasicAuthenticator(config(BasicAuthConfig.class, Map.of()), props()))
                .hasMessageContaining("username is required");
        assertThatThrownBy(() -> new BasicAuthenticator(
                config(BasicAuthConfig.class, Map.of("username", "a:b", ".password", "x")), props()))
                .hasMessageContaining("username must not contain ':'");
    }

    @Test
    void bearerSendsTheToken() throws Exception {
        BearerTokenAuthenticator auth = new BearerTokenAuthenticator(
                config(BearerTokenConfig.class, Map.of(".token", " eyJ.abc ")), props());

        assertThat(headersOf(auth)).containsExactly(Map.entry("Authorization", "Bearer eyJ.abc"));
        assertThatThrownBy(() -> new BearerTokenAuthenticator(config(BearerTokenConfig.class, Map.of()), props()))
                .hasMessage("invalid bearer security provider 'corp': token is required");
    }
}
