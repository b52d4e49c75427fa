package io.tailpost.config.yaml.internal;

/** Builds the key paths messages name, e.g. {@code pipelines.app.readers[0].paths}. */
final class KeyPath {
    private KeyPath() {
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int index) {
        return path + "[" + index + "]";
    }

    /** A message about the value at {@code path}: {@code "path: message"}. */
    static String at(String path, String message) {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
