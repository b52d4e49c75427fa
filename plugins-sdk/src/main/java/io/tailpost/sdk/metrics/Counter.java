package io.tailpost.sdk.metrics;

import org.osgi.annotation.versioning.ProviderType;

/** A monotonically increasing count. */
@ProviderType
public interface Counter {
    void increment();

    void add(long amount);

    long value();
}
