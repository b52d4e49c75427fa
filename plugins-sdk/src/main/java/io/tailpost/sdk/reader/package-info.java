/**
 * Readers: plugins that produce events, and the context the core hands them
 * (emitter with backpressure, acknowledgements, checkpoint store).
 */
@Version("1.1.0")
@Export
package io.tailpost.sdk.reader;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
