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
 * @param truncateLongLines whether an over-long line is cut (else split)
 * @param partialLineFlush how long a partial last line waits; zero: until its newline
 * @param encoding the files' encoding
 * @param followSymlinks whether symbolic links are followed
 * @param fingerprintBytes bytes of a file's head that identify it with its inode
 * @param maxOpenFiles most files open at once
 * @param closeIdleAfter how long a renamed or deleted file stays open once idle
 * @param checkpointFlushInterval how often positions are forced to disk
 * @param multiline the multi-line rule, or {@code null}
 */
record FileReaderSettings(List<String> paths, List<String> exclude, boolean startAtEnd, Duration rescanInterval,
        int readBufferSize, int maxLineBytes, int batchMaxLines, boolean truncateLongLines, Duration partialLineFlush,
        LineEncoding encoding, boolean followSymlinks, int fingerprintBytes, int maxOpenFiles, Duration closeIdleAfter,
        Duration checkpointFlushInterval, Multiline multiline) {

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
        String startAt = lower(config.start_at());
        if (!startAt.equals("beginning") && !startAt.equals("end")) {
            problems.add("start_at: '" + config.start_at() + "' is not 'beginning' or 'end'");
        }
        Duration rescan = parse("rescan_interval", config.rescan_interval(), Units::parseDuration, problems);
        if (rescan != null && rescan.isZero()) {
            problems.add("rescan_interval: must be more than 0");
        }
        int readBuffer = size("read_buffer_size", config.read_buffer_size(), 1, problems);
        int maxLine = size("max_line_bytes", config.max_line_bytes(), 1, problems);
        if (config.batch_max_lines() < 1) {
            problems.add("batch_max_lines: must be at least 1, not " + config.batch_max_lines());
        }
        String tooLong = lower(config.line_too_long());
        if (!tooLong.equals("split") && !tooLong.equals("truncate")) {
            problems.add("line_too_long: '" + config.line_too_long() + "' is not 'split' or 'truncate'");
        }
        Duration partial = parse("partial_line_flush", config.partial_line_flush(), Units::parseDuration, problems);
        LineEncoding encoding = LineEncoding.parse(config.encoding());
        if (encoding == null) {
            problems.add("encoding: '" + config.encoding() + "' is not utf-8, utf-16le, utf-16be or iso-8859-1");
        } else if (encoding.unit() == 2 && maxLine == 1) {
            problems.add("max_line_bytes: must be at least 2 for " + encoding.label());
        }
        String symlinks = lower(config.symlinks());
        if (!symlinks.equals("follow") && !symlinks.equals("skip")) {
            problems.add("symlinks: '" + config.symlinks() + "' is not 'follow' or 'skip'");
        }
        int fingerprint = size("fingerprint_bytes", config.fingerprint_bytes(), 0, problems);
        if (config.max_open_files() < 1) {
            problems.add("max_open_files: must be at least 1, not " + config.max_open_files());
        }
        Duration closeIdle = parse("close_idle_after", config.close_idle_after(), Units::parseDuration, problems);
        Duration flush = parse("checkpoint_flush_interval", config.checkpoint_flush_interval(), Units::parseDuration,
                problems);
        if (flush != null && flush.isZero()) {
            problems.add("checkpoint_flush_interval: must be more than 0");
        }
        if (config.multiline_max_lines() < 1) {
            problems.add("multiline.max_lines: must be at least 1, not " + config.multiline_max_lines());
        }
        int multiBytes = size("multiline.max_bytes", config.multiline_max_bytes(), 1, problems);
        Duration multiTimeout = parse("multiline.timeout", config.multiline_timeout(), Units::parseDuration, problems);
        Multiline multiline = null;
        try {
            multiline = Multiline.of(config.multiline_mode(), config.multiline_pattern(),
                    config.multiline_max_lines(), multiBytes, multiTimeout == null ? 0 : multiTimeout.toNanos());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid file reader configuration: " + String.join("; ", problems));
        }
        return new FileReaderSettings(paths, exclude, startAt.equals("end"), rescan, readBuffer, maxLine,
                config.batch_max_lines(), tooLong.equals("truncate"), partial, encoding, symlinks.equals("follow"),
                fingerprint, config.max_open_files(), closeIdle, flush, multiline);
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
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

    private static int size(String key, String text, int min, List<String> problems) {
        Long value = parse(key, text, Units::parseSize, problems);
        if (value == null) {
            return 0;
        }
        if (value < min || value > MAX_BUFFER_BYTES) {
            problems.add(key + ": '" + text + "' must be between " + min + " B and 64MiB");
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
