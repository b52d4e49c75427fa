package io.tailpost.config.yaml.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

import io.tailpost.sdk.PluginKind;
import io.tailpost.sdk.Plugins;

/**
 * Finds plugin types among the installed bundles (started or not): a bundle provides a
 * type when it declares the {@code tailpost.plugin} capability with that kind and type, or
 * when its metatype has the factory PID {@code tailpost.<kind>.<type>}. The attributes come
 * from that metatype.
 */
final class MetaTypePluginCatalog implements PluginCatalog {
    private static final System.Logger LOG = System.getLogger(MetaTypePluginCatalog.class.getName());

    private final BundleContext context;
    private final MetaTypeService metaType;

    MetaTypePluginCatalog(BundleContext context, MetaTypeService metaType) {
        this.context = context;
        this.metaType = metaType;
    }

    @Override
    public PluginSchema lookup(PluginKind kind, String type) {
        String factoryPid = kind.factoryPid(type);
        boolean advertised = false;
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            boolean declares = declaresPlugin(bundle, kind, type);
            ObjectClassDefinition ocd = factoryDefinition(bundle, factoryPid);
            if (ocd != null) {
                return describe(ocd);
            }
            advertised |= declares;
        }
        return advertised ? PluginSchema.UNDESCRIBED : PluginSchema.NOT_INSTALLED;
    }

    private static boolean declaresPlugin(Bundle bundle, PluginKind kind, String type) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return false;
        }
        for (BundleCapability c : revision.getDeclaredCapabilities(Plugins.CAPABILITY_NAMESPACE)) {
            Map<String, Object> attributes = c.getAttributes();
            if (kind.label().equals(attributes.get("kind")) && type.equals(attributes.get("type"))) {
                return true;
            }
        }
        return false;
    }

    private ObjectClassDefinition factoryDefinition(Bundle bundle, String factoryPid) {
        try {
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info == null || info.getFactoryPids() == null
                    || !Arrays.asList(info.getFactoryPids()).contains(factoryPid)) {
                return null;
            }
            return info.getObjectClassDefinition(factoryPid, null);
        } catch (RuntimeException e) {
            // One bundle with broken metatype must not stop the whole file from loading.
            LOG.log(Level.WARNING, "cannot read the metatype of bundle " + bundle.getSymbolicName() + ": " + e);
            return null;
        }
    }

    private static PluginSchema describe(ObjectClassDefinition ocd) {
        List<String> required = ids(ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED));
        List<AttributeSpec> specs = new ArrayList<>();
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : all == null ? new AttributeDefinition[0] : all) {
            String[] defaults = ad.getDefaultValue();
            boolean mustBeGiven = required.contains(ad.getID()) && defaults == null;
            String[] options = ad.getOptionValues();
            specs.add(new AttributeSpec(ad.getID(), typeOf(ad.getType()), ad.getCardinality(), mustBeGiven,
                    options == null ? List.of() : List.of(options)));
        }
        return new PluginSchema.Described(specs);
    }

    private static List<String> ids(AttributeDefinition[] definitions) {
        List<String> ids = new ArrayList<>();
        if (definitions != null) {
            for (AttributeDefinition ad : definitions) {
                ids.add(ad.getID());
            }
        }
        return ids;
    }

    @SuppressWarnings("deprecation")
    static AttributeType typeOf(int metatypeType) {
        return switch (metatypeType) {
            case AttributeDefinition.LONG -> AttributeType.LONG;
            case AttributeDefinition.INTEGER -> AttributeType.INTEGER;
            case AttributeDefinition.SHORT -> AttributeType.SHORT;
            case AttributeDefinition.BYTE -> AttributeType.BYTE;
            case AttributeDefinition.CHARACTER -> AttributeType.CHARACTER;
            case AttributeDefinition.DOUBLE -> AttributeType.DOUBLE;
            case AttributeDefinition.FLOAT -> AttributeType.FLOAT;
            case AttributeDefinition.BOOLEAN -> AttributeType.BOOLEAN;
            case AttributeDefinition.PASSWORD -> AttributeType.PASSWORD;
            default -> AttributeType.STRING;
        };
    }
}
