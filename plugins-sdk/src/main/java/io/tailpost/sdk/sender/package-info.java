/** Senders: plugins that deliver one batch and classify the outcome. */
@Version("1.1.0")
@Export
package io.tailpost.sdk.sender;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
