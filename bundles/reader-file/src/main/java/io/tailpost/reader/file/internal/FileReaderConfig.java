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

    @AttributeDefinition(name = "Over-long lines",
            description = "What happens to a line longer than max_line_bytes: 'split' delivers it in pieces "
                    + "(metadata truncated=split), 'truncate' delivers its first max_line_bytes bytes (metadata "
                    + "truncated=truncated) and skips the rest. Either way the file goes on being read.",
            options = {@Option(label = "split", value = "split"), @Option(label = "truncate", value = "truncate")})
    String line_too_long() default "split";

    @AttributeDefinition(name = "Partial line flush",
            description = "How long a last line without a newline waits for its newline before it is delivered "
                    + "as it is (e.g. 5s); 0 waits until the newline comes or the file is rotated away or deleted.")
    String partial_line_flush() default "0";

    @AttributeDefinition(name = "Encoding",
            description = "Encoding of the files: utf-8, utf-16le, utf-16be or iso-8859-1. Events are UTF-8; "
                    + "invalid UTF-8 bytes are replaced by U+FFFD and the event gets metadata encoding_error=replaced.",
            options = {@Option(label = "utf-8", value = "utf-8"), @Option(label = "utf-16le", value = "utf-16le"),
                @Option(label = "utf-16be", value = "utf-16be"), @Option(label = "iso-8859-1", value = "iso-8859-1")})
    String encoding() default "utf-8";

    @AttributeDefinition(name = "Symbolic links",
            description = "'follow': links to files and directories matched by the patterns are read (a file "
                    + "reached by two paths is read once, it is known by its identity); 'skip': links are ignored.",
            options = {@Option(label = "follow", value = "follow"), @Option(label = "skip", value = "skip")})
    String symlinks() default "follow";

    @AttributeDefinition(name = "Fingerprint bytes",
            description = "How many of a file's first bytes are checksummed, with device and inode, to know the "
                    + "file: a new file that reuses a deleted file's inode, or a file rewritten from the start, is "
                    + "read from its beginning (e.g. 1KiB; 0 trusts device and inode alone).")
    String fingerprint_bytes() default "1KiB";

    @AttributeDefinition(name = "Maximum open files",
            description = "At most this many files are open at once. With more matching files, files at their end "
                    + "are closed and reopened when a scan sees them grow; files take turns, so none is starved.")
    int max_open_files() default 1024;

    @AttributeDefinition(name = "Close idle after",
            description = "A file renamed out of the patterns or deleted is read to its end and closed once "
                    + "nothing was added to it for this long (e.g. 5s), releasing its handle.")
    String close_idle_after() default "5s";

    @AttributeDefinition(name = "Checkpoint flush interval",
            description = "How often acknowledged positions are forced to disk (fsync), e.g. 1s. Positions only ever "
                    + "cover acknowledged lines; a longer interval means more lines sent again after a crash.")
    String checkpoint_flush_interval() default "1s";

    @AttributeDefinition(name = "Multi-line mode",
            description = "'none'; 'start': a line matching multiline.pattern begins an event and other lines "
                    + "are appended to it; 'continue': a line matching the pattern is appended to the event before "
                    + "it; presets 'java' (stack traces) and 'python' (tracebacks) are continue rules.",
            options = {@Option(label = "none", value = "none"), @Option(label = "start", value = "start"),
                @Option(label = "continue", value = "continue"), @Option(label = "java", value = "java"),
                @Option(label = "python", value = "python")})
    String multiline_mode() default "none";

    @AttributeDefinition(name = "Multi-line pattern", required = false,
            description = "Java regular expression searched in each line for the start and continue modes "
                    + "(e.g. '^\\d{4}-' or '^\\s').")
    String multiline_pattern() default "";

    @AttributeDefinition(name = "Multi-line maximum lines",
            description = "An event holds at most this many lines; the next line begins a new event and the full "
                    + "one gets metadata multiline=limit.")
    int multiline_max_lines() default 500;

    @AttributeDefinition(name = "Multi-line maximum size",
            description = "An event holds at most this many bytes (e.g. 1MiB); the next line begins a new event.")
    String multiline_max_bytes() default "1MiB";

    @AttributeDefinition(name = "Multi-line timeout",
            description = "An event is delivered when no line came for this long (e.g. 1s).")
    String multiline_timeout() default "1s";
}
