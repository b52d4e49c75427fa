package io.tailpost.config.yaml.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class YamlTreeReaderTest {
    private final YamlTreeReader reader = new YamlTreeReader();
    private final Problems problems = new Problems("t.yaml");

    private YamlNode read(String yaml) {
        return reader.read(yaml, problems);
    }

    private List<String> problemLines() {
        return problems.sorted().stream().map(Problem::format).toList();
    }

    @Test
    void keepsLineAndColumnOfKeysAndValues() {
        YamlMap root = (YamlMap) read("""
                data_dir: data
                pipelines:
                  app:
                    readers:
                      - type: file
                        paths: ["/a", b]
                """);

        assertThat(problems.hasErrors()).isFalse();
        YamlEntry dataDir = root.entry("data_dir");
        assertThat(dataDir.keyMark()).isEqualTo(new Mark(1, 1));
        assertThat(dataDir.value().mark()).isEqualTo(new Mark(1, 11));
        YamlEntry app = ((YamlMap) root.entry("pipelines").value()).entry("app");
        assertThat(app.keyMark()).isEqualTo(new Mark(3, 3));
        YamlList readers = (YamlList) ((YamlMap) app.value()).entry("readers").value();
        YamlMap first = (YamlMap) readers.items().get(0);
        assertThat(first.mark()).isEqualTo(new Mark(5, 9));
        assertThat(first.entry("type").value().mark()).isEqualTo(new Mark(5, 15));
        YamlList paths = (YamlList) first.entry("paths").value();
        assertThat(paths.mark()).isEqualTo(new Mark(6, 16));
        assertThat(paths.items()).extracting(YamlNode::mark).containsExactly(new Mark(6, 17), new Mark(6, 23));
    }

    @Test
    void typesScalarsLikeYamlAndKeepsTheirText() {
        YamlMap root = (YamlMap) read("""
                n: 10
                f: 1.5
                t: true
                q: '12'
                e:
                big: 123456789012345678901234
                hex: 0x1F
                """);

        assertThat(scalar(root, "n").value()).isEqualTo(10L);
        assertThat(scalar(root, "f").value()).isEqualTo(1.5);
        assertThat(scalar(root, "t").value()).isEqualTo(true);
        assertThat(scalar(root, "q").value()).isEqualTo("12");
        assertThat(scalar(root, "e").isNull()).isTrue();
        assertThat(scalar(root, "big").value()).isEqualTo("123456789012345678901234");
        assertThat(scalar(root, "hex").text()).isEqualTo("0x1F");
    }

    private static YamlScalar scalar(YamlMap map, String key) {
        return (YamlScalar) map.entry(key).value();
    }

    @Test
    void reportsSyntaxErrorsWithTheirPosition() {
        YamlNode root = read("""
                pipelines:
                  app:
                    readers: [a, b
                  other: 1
                """);

        assertThat(root).isNull();
        assertThat(problemLines()).singleElement().asString()
                .startsWith("t.yaml:4:8: error: YAML syntax error: expected ',' or ']', but got")
                .contains("while parsing a flow sequence started at line 3");
    }

    @Test
    void reportsBadIndentation() {
        assertThat(read("a:\n  b: 1\n c: 2\n")).isNull();

        assertThat(problemLines()).singleElement().asString()
                .startsWith("t.yaml:3:2: error: YAML syntax error: expected <block end>");
    }

    @Test
    void reportsDuplicateKeysAndKeepsTheFirst() {
        YamlMap root = (YamlMap) read("a: 1\nb: 2\na: 3\n");

        assertThat(problemLines()).containsExactly("t.yaml:3:1: error: duplicate key 'a' (first at line 1)");
        assertThat(scalar(root, "a").value()).isEqualTo(1L);
    }

    @Test
    void rejectsAliases() {
        YamlMap root = (YamlMap) read("a: &x foo\nb: *x\n");

        assertThat(problemLines()).containsExactly(
                "t.yaml:2:4: error: aliases (*x) are not supported; write the value out");
        assertThat(scalar(root, "b").unresolved()).isTrue();
    }

    @Test
    void rejectsASecondDocument() {
        read("a: 1\n---\nb: 2\n");

        assertThat(problemLines()).containsExactly(
                "t.yaml:3:1: error: only one YAML document is supported; remove the second one (after '---')");
    }

    @Test
    void reportsAnEmptyFile() {
        assertThat(read("# nothing here\n")).isNull();

        assertThat(problemLines()).containsExactly(
                "t.yaml:1:1: error: the file is empty; expected a mapping with the key 'pipelines'");
    }

    @Test
    void rejectsComplexKeys() {
        assertThat(read("? [a]\n: 1\n")).isNull();

        assertThat(problemLines()).singleElement().asString()
                .startsWith("t.yaml:1:4: error: YAML syntax error: Expected a field name")
                .doesNotContain("org.yaml");
    }
}
