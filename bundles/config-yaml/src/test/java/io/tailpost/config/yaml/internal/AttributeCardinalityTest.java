package io.tailpost.config.yaml.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tailpost.sdk.PluginKind;

/** Metatype cardinality: positive means an array, negative a list, both bounded. */
class AttributeCardinalityTest {
    private static final Path HOME = Path.of("/agent").toAbsolutePath();
    private final TestCatalog catalog = TestCatalog.standard().with(PluginKind.READER, "multi",
            new PluginSchema.Described(List.of(
                    new AttributeSpec("tags", AttributeType.STRING, -5, false, List.of()),
                    new AttributeSpec("ports", AttributeType.INTEGER, 2, false, List.of()))));

    private Compilation compile(String reader) {
        return new ConfigCompiler(Map.of(), catalog, HOME, HOME.resolve("data")).compile("tp.yaml", """
                pipelines:
                  app:
                    readers:
                      - %s
                    senders: [{type: console}]
                """.formatted(reader));
    }

    @Test
    void negativeCardinalityGivesAList() {
        Compilation c = compile("{type: multi, tags: [a, b], ports: 80}");

        assertThat(c.lines()).isEmpty();
        Map<String, Object> properties = c.state().configurations().get(0).properties();
        assertThat(properties.get("tags")).isEqualTo(List.of("a", "b"));
        assertThat(properties.get("ports")).isEqualTo(new Integer[] {80});
    }

    @Test
    void tooManyValuesAreAnError() {
        assertThat(compile("{type: multi, ports: [1, 2, 3]}").lines()).containsExactly(
                "tp.yaml:4:30: error: pipelines.app.readers[0].ports: at most 2 values are allowed, got 3");
    }

    @Test
    void eachListItemIsConverted() {
        assertThat(compile("{type: multi, ports: [1, http, {a: 1}]}").lines()).containsExactly(
                "tp.yaml:4:40: error: pipelines.app.readers[0].ports[2]: list items must be single values,"
                        + " got a mapping");
        assertThat(compile("{type: multi, ports: [1, http]}").lines()).containsExactly(
                "tp.yaml:4:34: error: pipelines.app.readers[0].ports: expected an integer, got 'http'");
    }
}
