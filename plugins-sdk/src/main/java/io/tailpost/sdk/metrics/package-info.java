/**
 * Measurements: the core provides a {@link io.tailpost.sdk.metrics.Metrics} service where
 * the core itself and every plugin record counters and gauges, which the shell and the
 * telemetry endpoints read.
 */
@Version("1.0.0")
@Export
package io.tailpost.sdk.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
