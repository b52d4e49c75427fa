package io.tailpost.config.yaml.internal;

/** How many configurations one apply created, changed and deleted. */
record ApplyResult(int created, int updated, int deleted) {
    boolean changedAnything() {
        return created + updated + deleted > 0;
    }
}
