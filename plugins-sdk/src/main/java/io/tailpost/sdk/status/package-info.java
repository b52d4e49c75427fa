/** The agent's own account of its pipelines: read by the shell, health checks and metrics. */
@Version("1.0.0")
@Export
package io.tailpost.sdk.status;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
