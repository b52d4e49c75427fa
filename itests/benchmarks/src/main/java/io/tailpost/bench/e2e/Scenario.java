package io.tailpost.bench.e2e;

import java.util.Locale;

/** What one run exercises: the input, and the feature each agent turns on. */
enum Scenario {
    /** Nginx lines sent as they are. */
    RAW("raw lines"),
    /** JSON lines parsed into fields. */
    JSON("json processor"),
    /** Nginx lines, request bodies gzip-compressed. */
    GZIP("gzip on"),
    /** Nginx lines through a disk buffer. */
    DISK("disk buffer"),
    /** 1,000 files of nginx lines. */
    FILES1000("1,000 files");

    private final String description;

    Scenario(String description) {
        this.description = description;
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    String description() {
        return description;
    }

    static Scenario parse(String id) {
        for (Scenario s : values()) {
            if (s.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + id + "' (raw, json, gzip, disk, files1000)");
    }
}
