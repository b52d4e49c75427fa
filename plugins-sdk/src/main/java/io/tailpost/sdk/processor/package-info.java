/** Processors: plugins that change, drop, split or add events in a batch. */
@Version("1.0.0")
@Export
package io.tailpost.sdk.processor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
