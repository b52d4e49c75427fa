package io.tailpost.config.yaml.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text with Jackson's streaming parser into a {@link YamlNode} tree that keeps
 * the line and column of every key and value. Syntax errors, duplicate keys, aliases and
 * extra documents are reported as problems, not thrown.
 */
final class YamlTreeReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    /**
     * Parses {@code content}; returns null when the file is not usable YAML (the reason is in
     * {@code problems}).
     */
    YamlNode read(String content, Problems problems) {
        try (JsonParser parser = FACTORY.createParser(content)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.error(Mark.START, "the file is empty; expected a mapping with the key 'pipelines'");
                return null;
            }
            YamlNode root = readValue(parser, first, problems);
            if (parser.nextToken() != null) {
                problems.error(markOf(parser.currentTokenLocation()),
                        "only one YAML document is supported; remove the second one (after '---')");
            }
            return root;
        } catch (JsonProcessingException e) {
            reportSyntaxError(e, problems);
            return null;
        } catch (IOException e) {
            problems.error(Mark.NONE, "cannot read the YAML: " + e.getMessage());
            return null;
        }
    }

    private YamlNode readValue(JsonParser p, JsonToken token, Problems problems) throws IOException {
        if (token == null) {
            throw new JsonParseException(p, "unexpected end of the YAML content");
        }
        Mark mark = markOf(p.currentTokenLocation());
        switch (token) {
            case START_OBJECT:
                return readMap(p, mark, problems);
            case START_ARRAY:
                return readList(p, mark, problems);
            case VALUE_STRING:
                if (isAlias(p)) {
                    problems.error(mark, "aliases (*" + p.getText() + ") are not supported; write the value out");
                    return new YamlScalar(null, p.getText(), mark, true);
                }
                return YamlScalar.string(p.getText(), mark);
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return YamlScalar.string(p.getText(), mark);
                }
                return new YamlScalar(p.getLongValue(), p.getText(), mark, false);
            case VALUE_NUMBER_FLOAT:
                return new YamlScalar(p.getDoubleValue(), p.getText(), mark, false);
            case VALUE_TRUE:
                return new YamlScalar(Boolean.TRUE, p.getText(), mark, false);
            case VALUE_FALSE:
                return new YamlScalar(Boolean.FALSE, p.getText(), mark, false);
            case VALUE_NULL:
                return new YamlScalar(null, "", mark, false);
            default:
                problems.error(mark, "unexpected YAML content '" + p.getText() + "'");
                return new YamlScalar(null, "", mark, true);
        }
    }

    private static boolean isAlias(JsonParser p) {
        return p instanceof YAMLParser yaml && yaml.isCurrentAlias();
    }

    private YamlMap readMap(JsonParser p, Mark mark, Problems problems) throws IOException {
        List<YamlEntry> entries = new ArrayList<>();
        Map<String, Mark> seen = new HashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Mark keyMark = markOf(p.currentTokenLocation());
            YamlNode value = readValue(p, p.nextToken(), problems);
            Mark first = seen.putIfAbsent(key, keyMark);
            if (first != null) {
                problems.error(keyMark, "duplicate key '" + key + "' (first at line " + first.line() + ")");
            } else {
                entries.add(new YamlEntry(key, keyMark, value));
            }
        }
        expect(t, JsonToken.END_OBJECT, p);
        return new YamlMap(entries, mark);
    }

    private YamlList readList(JsonParser p, Mark mark, Problems problems) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            items.add(readValue(p, t, problems));
        }
        expect(t, JsonToken.END_ARRAY, p);
        return new YamlList(items, mark);
    }

    private static void expect(JsonToken actual, JsonToken expected, JsonParser p) throws IOException {
        if (actual != expected) {
            throw new JsonParseException(p, "unexpected end of the YAML content");
        }
    }

    private static void reportSyntaxError(JsonProcessingException e, Problems problems) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            org.yaml.snakeyaml.error.Mark m = marked.getProblemMark();
            StringBuilder msg = new StringBuilder("YAML syntax error: ").append(marked.getProblem());
            if (marked.getContext() != null && marked.getContextMark() != null) {
                msg.append(" (").append(marked.getContext()).append(" started at line ")
                        .append(marked.getContextMark().getLine() + 1).append(')');
            }
            problems.error(new Mark(m.getLine() + 1, m.getColumn() + 1), msg.toString());
            return;
        }
        String original = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
        int newline = original.indexOf('\n');
        String firstLine = newline < 0 ? original : original.substring(0, newline);
        Mark at = e.getLocation() == null ? Mark.START : markOf(e.getLocation());
        problems.error(at, "YAML syntax error: " + firstLine.replaceFirst(",? *got this instead: <.*", ""));
    }

    private static Mark markOf(JsonLocation location) {
        return new Mark(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }
}
