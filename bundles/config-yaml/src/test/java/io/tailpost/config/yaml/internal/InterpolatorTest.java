package io.tailpost.config.yaml.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class InterpolatorTest {
    private final Problems problems = new Problems("t.yaml");
    private final Interpolator interpolator = new Interpolator(Map.of("HOST", "example.org", "EMPTY", "",
            "PORT", "8080"));

    private YamlMap interpolate(String yaml) {
        YamlNode tree = new YamlTreeReader().read(yaml, problems);
        return (YamlMap) interpolator.interpolate(tree, "", problems);
    }

    private List<String> problemLines() {
        return problems.sorted().stream().map(Problem::format).toList();
    }

    private static YamlScalar scalar(YamlMap map, String key) {
        return (YamlScalar) map.entry(key).value();
    }

    @Test
    void replacesVariablesAndDefaults() {
        YamlMap root = interpolate("""
                url: "http://${HOST}:${PORT}/ingest"
                level: ${LEVEL:-info}
                empty: ${EMPTY:-fallback}
                plain_empty: x${EMPTY}y
                set_with_default: ${HOST:-other}
                """);

        assertThat(problemLines()).isEmpty();
        assertThat(scalar(root, "url").value()).isEqualTo("http://example.org:8080/ingest");
        assertThat(scalar(root, "level").value()).isEqualTo("info");
        assertThat(scalar(root, "empty").value()).isEqualTo("fallback");
        assertThat(scalar(root, "plain_empty").value()).isEqualTo("xy");
        assertThat(scalar(root, "set_with_default").value()).isEqualTo("example.org");
    }

    @Test
    void doubleDollarIsALiteral() {
        YamlMap root = interpolate("""
                a: "$${HOST} costs $5"
                b: "$$${HOST}"
                """);

        assertThat(problemLines()).isEmpty();
        assertThat(scalar(root, "a").value()).isEqualTo("${HOST} costs $5");
        assertThat(scalar(root, "b").value()).isEqualTo("$${HOST}");
    }

    @Test
    void anUnsetVariableWithoutDefaultIsAnErrorAtTheValue() {
        YamlMap root = interpolate("""
                pipelines:
                  app:
                    senders:
                      - url: "https://${API_HOST}/${API_PATH}"
                """);

        assertThat(problemLines()).containsExactly(
                "t.yaml:4:14: error: pipelines.app.senders[0].url: environment variable 'API_HOST' is not set and"
                        + " has no default (write ${API_HOST:-default} to give one)",
                "t.yaml:4:14: error: pipelines.app.senders[0].url: environment variable 'API_PATH' is not set and"
                        + " has no default (write ${API_PATH:-default} to give one)");
        YamlMap sender = (YamlMap) ((YamlList) ((YamlMap) ((YamlMap) root.entry("pipelines").value())
                .entry("app").value()).entry("senders").value()).items().get(0);
        assertThat(scalar(sender, "url").unresolved()).isTrue();
    }

    @Test
    void reportsUnclosedAndInvalidReferences() {
        interpolate("""
                a: "${HOST"
                b: "${1X}"
                """);

        assertThat(problemLines()).containsExactly(
                "t.yaml:1:4: error: a: '${' is not closed by '}'; write '$${' for a literal '${'",
                "t.yaml:2:4: error: b: '${1X}' does not name an environment variable (use ${NAME} or"
                        + " ${NAME:-default}; write '$${' for a literal '${')");
    }

    @Test
    void leavesKeysNumbersAndPlainTextAlone() {
        YamlMap root = interpolate("""
                ${HOST}: 1
                n: 42
                s: no dollars
                """);

        assertThat(problemLines()).isEmpty();
        assertThat(root.entry("${HOST}")).isNotNull();
        assertThat(scalar(root, "n").value()).isEqualTo(42L);
        assertThat(scalar(root, "s").value()).isEqualTo("no dollars");
    }
}
