package io.tailpost.config.yaml.internal;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of the last attempt to load the configuration file.
 *
 * @param problems the problem lines (errors and warnings), also for an applied file
 * @param applied what was written; null unless the outcome is {@link Outcome#APPLIED}
 */
record LoadResult(Outcome outcome, String file, Instant at, List<String> problems, List<String> pipelines,
        ApplyResult applied) {

    /** What happened to the file. */
    enum Outcome {
        /** Valid and written to ConfigAdmin. */
        APPLIED,
        /** Unreadable or invalid; nothing was written. */
        REJECTED,
        /** Valid, but ConfigAdmin failed while writing; partly applied. */
        FAILED
    }

    LoadResult {
        problems = List.copyOf(problems);
        pipelines = List.copyOf(pipelines);
    }
}
