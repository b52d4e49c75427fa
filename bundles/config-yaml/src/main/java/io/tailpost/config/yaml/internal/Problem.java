package io.tailpost.config.yaml.internal;

/** One problem found in a configuration file, printed as {@code FILE:LINE:COL: error: message}. */
record Problem(Severity severity, String file, Mark mark, String message) {

    boolean isError() {
        return severity == Severity.ERROR;
    }

    String format() {
        String where = mark.isKnown() ? file + ":" + mark : file;
        return where + ": " + severity.label() + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
