package io.tailpost.config.yaml.internal;

/**
 * A position in the configuration file, 1-based like editors show it. {@link #NONE} stands
 * for problems that concern the file as a whole (e.g. it cannot be read).
 */
record Mark(int line, int column) {
    static final Mark NONE = new Mark(0, 0);
    static final Mark START = new Mark(1, 1);

    boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
