/** Helpers for plugin configuration values: durations and byte sizes as written in YAML. */
@Version("1.0.0")
@Export
package io.tailpost.sdk.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
