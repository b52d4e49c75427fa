package io.tailpost.config.yaml.internal;

import io.tailpost.sdk.PluginKind;

/** Tells what the installed plugins accept, so the validator can check component entries. */
interface PluginCatalog {
    /** What is known about the plugin of this kind and type. */
    PluginSchema lookup(PluginKind kind, String type);
}
