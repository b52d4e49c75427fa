package io.tailpost.sdk.reader;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Called by the core when an emitted batch is safe: delivered by every sender, or
 * durably buffered. A reader commits the batch's end position to its checkpoint store
 * here. It runs on a core thread and must be quick and must not block.
 */
@ConsumerType
@FunctionalInterface
public interface Acknowledgement {
    void acknowledged();
}
