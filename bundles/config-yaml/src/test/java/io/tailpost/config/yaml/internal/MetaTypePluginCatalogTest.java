package io.tailpost.config.yaml.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

import io.tailpost.sdk.PluginKind;

class MetaTypePluginCatalogTest {

    private static AttributeDefinition ad(String id, int type, int cardinality, String[] defaults) {
        return Fakes.of(AttributeDefinition.class, Map.of(
                "getID", a -> id,
                "getType", a -> type,
                "getCardinality", a -> cardinality,
                "getDefaultValue", a -> defaults,
                "getOptionValues", a -> id.equals("format") ? new String[] {"ndjson", "json"} : null));
    }

    private static final AttributeDefinition PATHS = ad("paths", AttributeDefinition.STRING, Integer.MAX_VALUE, null);
    private static final AttributeDefinition MAX_LINE = ad("max.line.bytes", AttributeDefinition.INTEGER, 0,
            new String[] {"65536"});
    private static final AttributeDefinition FORMAT = ad("format", AttributeDefinition.STRING, 0, null);

    private static final ObjectClassDefinition FILE_OCD = Fakes.of(ObjectClassDefinition.class, Map.of(
            "getAttributeDefinitions", a -> (int) a[0] == ObjectClassDefinition.OPTIONAL
                    ? new AttributeDefinition[] {FORMAT}
                    : (int) a[0] == ObjectClassDefinition.REQUIRED
                            ? new AttributeDefinition[] {PATHS, MAX_LINE}
                            : new AttributeDefinition[] {PATHS, MAX_LINE, FORMAT}));

    private static Bundle bundle(int state, List<Map<String, Object>> plugins) {
        BundleRevision revision = Fakes.of(BundleRevision.class, Map.of("getDeclaredCapabilities", a -> plugins
                .stream()
                .map(attrs -> Fakes.of(BundleCapability.class, Map.of("getAttributes", x -> attrs)))
                .toList()));
        return Fakes.of(Bundle.class, Map.of("getState", a -> state, "adapt", a -> revision));
    }

    private final Bundle fileReader = bundle(Bundle.RESOLVED, List.of(Map.of("kind", "reader", "type", "file")));
    private final Bundle consoleSender = bundle(Bundle.ACTIVE, List.of(Map.of("kind", "sender", "type", "console")));
    private final Bundle uninstalled = bundle(Bundle.UNINSTALLED, List.of(Map.of("kind", "processor", "type", "json")));
    private final Bundle metatypeOnly = bundle(Bundle.ACTIVE, List.of());

    private final MetaTypeService metaType = Fakes.of(MetaTypeService.class, Map.of("getMetaTypeInformation", a -> {
        if (a[0] == fileReader) {
            return info("tailpost.reader.file", FILE_OCD);
        }
        if (a[0] == metatypeOnly) {
            return info("tailpost.sender.http", FILE_OCD);
        }
        return null;
    }));

    private static MetaTypeInformation info(String factoryPid, ObjectClassDefinition ocd) {
        return Fakes.of(MetaTypeInformation.class, Map.of(
                "getFactoryPids", a -> new String[] {factoryPid},
                "getObjectClassDefinition", a -> a[0].equals(factoryPid) ? ocd : null));
    }

    private final BundleContext context = Fakes.of(BundleContext.class, Map.of("getBundles",
            a -> new Bundle[] {uninstalled, consoleSender, fileReader, metatypeOnly}));

    private final MetaTypePluginCatalog catalog = new MetaTypePluginCatalog(context, metaType);

    @Test
    void describesAPluginFromItsMetatype() {
        PluginSchema schema = catalog.lookup(PluginKind.READER, "file");

        assertThat(schema).isEqualTo(new PluginSchema.Described(List.of(
                new AttributeSpec("paths", AttributeType.STRING, Integer.MAX_VALUE, true, List.of()),
                new AttributeSpec("max.line.bytes", AttributeType.INTEGER, 0, false, List.of()),
                new AttributeSpec("format", AttributeType.STRING, 0, false, List.of("ndjson", "json")))));
    }

    @Test
    void aFactoryPidInMetatypeIsEnoughToBeInstalled() {
        assertThat(catalog.lookup(PluginKind.SENDER, "http")).isInstanceOf(PluginSchema.Described.class);
    }

    @Test
    void aCapabilityWithoutMetatypeIsInstalledButUndescribed() {
        assertThat(catalog.lookup(PluginKind.SENDER, "console")).isEqualTo(PluginSchema.UNDESCRIBED);
    }

    @Test
    void uninstalledBundlesAndUnknownTypesAreNotInstalled() {
        assertThat(catalog.lookup(PluginKind.PROCESSOR, "json")).isEqualTo(PluginSchema.NOT_INSTALLED);
        assertThat(catalog.lookup(PluginKind.READER, "journald")).isEqualTo(PluginSchema.NOT_INSTALLED);
        assertThat(catalog.lookup(PluginKind.PROCESSOR, "file")).isEqualTo(PluginSchema.NOT_INSTALLED);
    }

    @Test
    void mapsMetatypeTypes() {
        assertThat(MetaTypePluginCatalog.typeOf(AttributeDefinition.LONG)).isEqualTo(AttributeType.LONG);
        assertThat(MetaTypePluginCatalog.typeOf(AttributeDefinition.BOOLEAN)).isEqualTo(AttributeType.BOOLEAN);
        assertThat(MetaTypePluginCatalog.typeOf(AttributeDefinition.PASSWORD)).isEqualTo(AttributeType.PASSWORD);
        assertThat(MetaTypePluginCatalog.typeOf(AttributeDefinition.DOUBLE)).isEqualTo(AttributeType.DOUBLE);
    }
}
