package io.tailpost.reader.file.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of one file reader ({@code type: file} in YAML). Durations and sizes
 * are text parsed at activation; a bad value fails activation naming the key.
 */
@ObjectClassDefinition(id = RotatingFileTailer.PID, name = "File reader",
        description = "Follows log files matched by glob patterns, line by line, and resumes where it left off.")
public @interface FileReaderConfig {
    @AttributeDefinition(name = "Paths",
            description = "Absolute glob patterns of the files to read: * and ? match within a name, "
                    + "** any number of directories (including none), also [abc] and {a,b}. "
                    + "Example: /var/log/app/**/*.log")
    String[] paths();

    @AttributeDefinition(name = "Exclude", required = false,
            description = "Glob patterns of files to skip. A pattern starting with / is matched against the "
                    + "whole path, any other against the file name (e.g. *.old). Names ending in .gz, .zip, "
                    + ".bz2, .xz or .zst are always skipped.")
    String[] exclude() default {};

    @AttributeDefinition(name = "Start at",
            description = "Where to start in a file found at startup that has no checkpoint: 'beginning' reads "
                    + "its existing content, 'end' only what is written from now on. A file with a checkpoint "
                    + "resumes there, and files that appear while the reader runs are always read from the "
                    + "beginning.",
            options = {@Option(label = "beginning", value = "beginning"), @Option(label = "end", value = "end")})
    String start_at() default "beginning";

    @AttributeDefinition(name = "Rescan interval",
            description = "How often the patterns are evaluated again to find new, renamed and deleted files "
                    + "(e.g. 1s, 500ms).")
    String rescan_interval() default "1s";

    @AttributeDefinition(name = "Read buffer size",
            description = "How many bytes are read from a file at a time (e.g. 64KiB).")
    String read_buffer_size() default "64KiB";

    @AttributeDefinition(name = "Maximum line size",
            description = "A longer line is delivered in pieces of at most this size, each with metadata "
                    + "truncated=split (e.g. 1MiB). A last line without a newline is held until its newline "
                    + "is written (or the file is rotated away or deleted).")
    String max_line_bytes() default "1MiB";

    @AttributeDefinition(name = "Batch lines", description = "At most this many lines are handed over at once.")
    int batch_max_lines() default 1000;
}
