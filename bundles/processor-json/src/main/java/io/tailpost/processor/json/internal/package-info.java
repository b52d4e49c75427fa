/** The {@code json} processor: parses event messages as JSON into fields. Bundle-private. */
package io.tailpost.processor.json.internal;
