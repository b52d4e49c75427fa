package io.tailpost.config.yaml.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tailpost.sdk.PluginKind;

/** A plugin catalog for tests: types not added are "not installed". */
final class TestCatalog implements PluginCatalog {
    private final Map<String, PluginSchema> schemas = new HashMap<>();

    /** The catalog most tests use: a described file reader and http sender, an undescribed json processor. */
    static TestCatalog standard() {
        return new TestCatalog()
                .with(PluginKind.READER, "file", new PluginSchema.Described(List.of(
                        AttributeSpec.multiple("paths", AttributeType.STRING, true),
                        AttributeSpec.single("max.line.bytes", AttributeType.INTEGER, false),
                        AttributeSpec.single("read.from.head", AttributeType.BOOLEAN, false),
                        AttributeSpec.single("poll.interval", AttributeType.STRING, false))))
                .with(PluginKind.PROCESSOR, "json", PluginSchema.UNDESCRIBED)
                .with(PluginKind.SENDER, "http", new PluginSchema.Described(List.of(
                        AttributeSpec.single("url", AttributeType.STRING, true),
                        new AttributeSpec("format", AttributeType.STRING, 0, false, List.of("ndjson", "json")),
                        AttributeSpec.single("tls.ca.file", AttributeType.STRING, false),
                        AttributeSpec.single("auth", AttributeType.STRING, false),
                        AttributeSpec.single("compression.level", AttributeType.LONG, false),
                        AttributeSpec.single("sample.ratio", AttributeType.DOUBLE, false))))
                .with(PluginKind.SENDER, "console", new PluginSchema.Described(List.of()))
                .with(PluginKind.SECURITY, "api_key", new PluginSchema.Described(List.of(
                        AttributeSpec.single("header", AttributeType.STRING, false),
                        AttributeSpec.single(".key", AttributeType.STRING, true))));
    }

    TestCatalog with(PluginKind kind, String type, PluginSchema schema) {
        schemas.put(kind.factoryPid(type), schema);
        return this;
    }

    @Override
    public PluginSchema lookup(PluginKind kind, String type) {
        return schemas.getOrDefault(kind.factoryPid(type), PluginSchema.NOT_INSTALLED);
    }
}
