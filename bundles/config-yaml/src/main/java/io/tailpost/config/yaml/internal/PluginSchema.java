package io.tailpost.config.yaml.internal;

import java.util.List;

/** What the validator knows about one plugin type. */
sealed interface PluginSchema {
    /** No installed bundle provides the type: its values are passed on unchecked. */
    PluginSchema NOT_INSTALLED = new NotInstalled();
    /** A bundle provides the type but publishes no metatype for it: values pass unchecked. */
    PluginSchema UNDESCRIBED = new Undescribed();

    /** See {@link #NOT_INSTALLED}. */
    record NotInstalled() implements PluginSchema {
    }

    /** See {@link #UNDESCRIBED}. */
    record Undescribed() implements PluginSchema {
    }

    /** The plugin's metatype: every key must be one of these attributes. */
    record Described(List<AttributeSpec> attributes) implements PluginSchema {
        public Described {
            attributes = List.copyOf(attributes);
        }

        AttributeSpec attribute(String id) {
            for (AttributeSpec a : attributes) {
                if (a.id().equals(id)) {
                    return a;
                }
            }
            return null;
        }
    }
}
