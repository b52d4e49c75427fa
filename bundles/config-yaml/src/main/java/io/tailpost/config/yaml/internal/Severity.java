package io.tailpost.config.yaml.internal;

/** How bad a configuration problem is: errors reject the file, warnings do not. */
enum Severity {
    ERROR("error"), WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
