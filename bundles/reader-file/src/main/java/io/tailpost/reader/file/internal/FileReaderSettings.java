package io.tailpost.reader.file.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.tailpost.sdk.config.Units;

/**
 * The validated, parsed form of a {@link FileReaderConfig}.
 *
 * @param paths absolute glob patterns of files to read
 * @param exclude patterns of files to skip
 * @param startAtEnd whether a file found at startup without a checkpoint starts at its end
 * @param rescanInterval how often the patterns are evaluated again
 * @param readBufferSize bytes read at a time
 * @param maxLineBytes longest line delivered whole
 * @param batchMaxLines most lines per emitted batch
 */
record FileReaderSettings(List<String> paths, List<String> exclude, boolean startAtEnd, Duration rescanInterval,
        int readBufferSize, int maxLineBytes, int batchMaxLines) {

    static final int MAX_BUFFER_BYTES = 64 * 1024 * 1024;

    /**
     * Parses and checks {@code config}, collecting every problem.
     *
     * @throws IllegalArgumentException listing each problem with its key
     */
    static FileReaderSettings from(FileReaderConfig config) {
        List<String> problems = new ArrayList<>();
        List<String> paths = requiredPaths(config);
        if (paths.isEmpty()) {
            problems.add("paths: at least one absolute glob pattern is required");
        }
        for (String p : paths) {
            String problem = PathScanner.problemWith(p);
            if (problem != null) {
                problems.add("paths: " + problem);
            }
        }
        List<String> exclude = list(config.exclude());
        for (String p : exclude) {
            if (p == null || p.isBlank()) {
                problems.add("exclude: a pattern is empty");
            } else if (!p.startsWith("/") && p.indexOf('/') >= 0) {
                problems.add("exclude: pattern '" + p + "' must be absolute or a file-name pattern without '/'");
            }
        }
        String startAt = config.start_at() == null ? "" : config.start_at().trim().toLowerCase(Locale.ROOT);
        if (!startAt.equals("beginning") && !startAt.equals("end")) {
            problems.add("start_at: '" + config.start_at() + "' is not 'beginning' or 'end'");
        }
        Duration rescan = parse("rescan_interval", config.rescan_interval(), Units::parseDuration, problems);
        if (rescan != null && rescan.isZero()) {
            problems.add("rescan_interval: must be more than 0");
        }
        int readBuffer = size("read_buffer_size", config.read_buffer_size(), problems);
        int maxLine = size("max_line_bytes", config.max_line_bytes(), problems);
        if (config.batch_max_lines() < 1) {
            problems.add("batch_max_lines: must be at least 1, not " + config.batch_max_lines());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid file reader configuration: " + String.join("; ", problems));
        }
        return new FileReaderSettings(paths, exclude, startAt.equals("end"), rescan, readBuffer, maxLine,
                config.batch_max_lines());
    }

    private static List<String> requiredPaths(FileReaderConfig config) {
        try {
            return list(config.paths());
        } catch (RuntimeException e) {
            // A configuration without the key has no value to convert; the check below reports it.
            return List.of();
        }
    }

    private static List<String> list(String[] values) {
        if (values == null) {
            return List.of();
        }
        List<String> list = new ArrayList<>(values.length);
        for (String v : values) {
            list.add(v == null ? "" : v.trim());
        }
        return List.copyOf(list);
    }

    private static int size(String key, String text, List<String> problems) {
        Long value = parse(key, text, Units::parseSize, problems);
        if (value == null) {
            return 0;
        }
        if (value < 1 || value > MAX_BUFFER_BYTES) {
            problems.add(key + ": '" + text + "' must be between 1 B and 64MiB");
            return 0;
        }
        return value.intValue();
    }

    private static <T> T parse(String key, String text, Function<String, T> parser, List<String> problems) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return null;
        }
    }
}
