/**
 * The core of TailPost's plugin SPI: the event model, plugin kinds and the service
 * properties and configuration PIDs that tie a YAML entry to a plugin component.
 */
@Version("1.2.0")
@Export
package io.tailpost.sdk;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
