package io.tailpost.config.yaml.internal;

import java.util.List;

/** The outcome of reading one file: its problems in file order and, when valid, what it asks for. */
record Compilation(List<Problem> problems, DesiredState state) {
    Compilation {
        problems = List.copyOf(problems);
    }

    boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    long errorCount() {
        return problems.stream().filter(Problem::isError).count();
    }

    /** The problems as {@code FILE:LINE:COL: error|warning: message} lines. */
    List<String> lines() {
        return problems.stream().map(Problem::format).toList();
    }
}
