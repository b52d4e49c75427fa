package io.tailpost.config.yaml.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one file, so a user sees all of them at once. */
final class Problems {
    private static final Comparator<Problem> BY_POSITION = Comparator
            .comparingInt((Problem p) -> p.mark().line())
            .thenComparingInt(p -> p.mark().column());

    private final String file;
    private final List<Problem> problems = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void error(Mark at, String message) {
        problems.add(new Problem(Severity.ERROR, file, at, oneLine(message)));
    }

    void warning(Mark at, String message) {
        problems.add(new Problem(Severity.WARNING, file, at, oneLine(message)));
    }

    boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** The problems in file order (stable for problems at the same position). */
    List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(problems);
        copy.sort(BY_POSITION);
        return List.copyOf(copy);
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
