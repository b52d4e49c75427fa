package io.tailpost.reader.file.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.tailpost.sdk.metrics.Metrics;

/**
 * The measurements of one file reader, recorded through the core's {@link Metrics} service
 * when it is present (it is an optional reference: without it nothing is recorded).
 * Tags: {@code pipeline}, {@code component} and, for per-file gauges, {@code file}.
 * Gauges are registered again when the service changes ({@link #sync}). Used by the reader
 * thread; gauges are read by the core.
 */
final class ReaderMetrics {
    static final String LAG = "file.lag.bytes";
    static final String OPEN = "file.open";
    static final String WATCHED = "file.watched";
    static final String ROTATIONS = "file.rotations";
    static final String TRUNCATIONS = "file.truncations";
    static final String LINES_SPLIT = "file.lines.split";
    static final String LINES_TRUNCATED = "file.lines.truncated";
    static final String ENCODING_ERRORS = "file.encoding.errors";
    static final String ERRORS = "file.errors";

    /** A gauge kept registered across changes of the service; close it to remove it. */
    final class Gauge {
        private final String name;
        private final LongSupplier value;
        private final String[] tags;
        private Metrics.Registration registration;

        private Gauge(String name, LongSupplier value, String[] tags) {
            this.name = name;
            this.value = value;
            this.tags = tags;
        }

        private void register(Metrics metrics) {
            registration = metrics == null ? null : metrics.gauge(name, value, tags);
        }

        private void unregister() {
            if (registration != null) {
                registration.close();
                registration = null;
            }
        }

        void close() {
            unregister();
            gauges.remove(this);
        }
    }

    private final Supplier<Metrics> source;
    private final String pipeline;
    private final String component;
    private final List<Gauge> gauges = new ArrayList<>();
    private Metrics boundTo;

    ReaderMetrics(Supplier<Metrics> source, String pipeline, String component) {
        this.source = source;
        this.pipeline = pipeline;
        this.component = component;
        this.boundTo = source.get();
    }

    void count(String name, long amount) {
        Metrics m = source.get();
        if (m != null && amount > 0) {
            m.counter(name, "pipeline", pipeline, "component", component).add(amount);
        }
    }

    /** A reader-wide gauge. */
    Gauge gauge(String name, LongSupplier value) {
        return add(new Gauge(name, value, new String[] {"pipeline", pipeline, "component", component}));
    }

    /** A gauge of one file. */
    Gauge fileGauge(String name, String file, LongSupplier value) {
        return add(new Gauge(name, value, new String[] {"pipeline", pipeline, "component", component, "file", file}));
    }

    private Gauge add(Gauge gauge) {
        gauge.register(boundTo);
        gauges.add(gauge);
        return gauge;
    }

    /** Registers every gauge with the service now present, when it changed. */
    void sync() {
        Metrics now = source.get();
        if (now == boundTo) {
            return;
        }
        boundTo = now;
        for (Gauge g : gauges) {
            g.unregister();
            g.register(now);
        }
    }

    void closeAll() {
        for (Gauge g : List.copyOf(gauges)) {
            g.close();
        }
    }
}
