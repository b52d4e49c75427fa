/** JSON encoding of events straight into bytes, shared by every sender that writes JSON. */
@Version("1.1.0")
@Export
package io.tailpost.sdk.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
