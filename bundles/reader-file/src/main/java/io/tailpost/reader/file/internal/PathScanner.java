package io.tailpost.reader.file.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the regular files that match the configured glob patterns.
 *
 * <p>Patterns are absolute and use {@link FileSystem#getPathMatcher} {@code glob:} syntax
 * ({@code *} and {@code ?} within a name, {@code **} across directories, {@code [..]},
 * {@code {a,b}}); {@code /**}{@code /} also matches no directory at all, as users expect.
 * Each pattern is walked from its longest directory prefix without glob characters, as
 * deep as the pattern needs ({@value #MAX_DEPTH} levels at most when it has {@code **}).
 * Symbolic links (to files and directories) are followed, or all skipped, as configured;
 * a loop of directory links is reported once and not entered again.
 *
 * <p>Exclusions: a pattern starting with {@code /} is matched against the whole path,
 * any other against the file name. Names ending in a compression suffix
 * ({@code .gz .zip .bz2 .xz .zst}) are always skipped: they are rotated archives, not logs
 * being written.
 */
final class PathScanner {
    static final int MAX_DEPTH = 32;
    private static final String[] COMPRESSED = {".gz", ".zip", ".bz2", ".xz", ".zst"};

    private final List<Include> includes = new ArrayList<>();
    private final List<PathMatcher> pathExcludes = new ArrayList<>();
    private final List<PathMatcher> nameExcludes = new ArrayList<>();
    private final WarnOnce warnings;
    private final boolean followLinks;

    private record Include(String glob, Path base, int maxDepth, List<PathMatcher> matchers) {
        boolean matches(Path path) {
            for (PathMatcher m : matchers) {
                if (m.matches(path)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * @param paths absolute glob patterns
     * @param excludes patterns of files to skip
     * @throws IllegalArgumentException naming the pattern when one is not valid
     */
    PathScanner(List<String> paths, List<String> excludes, WarnOnce warnings) {
        this(paths, excludes, true, warnings);
    }

    /**
     * @param paths absolute glob patterns
     * @param excludes patterns of files to skip
     * @param followLinks whether symbolic links are followed (else skipped)
     * @throws IllegalArgumentException naming the pattern when one is not valid
     */
    PathScanner(List<String> paths, List<String> excludes, boolean followLinks, WarnOnce warnings) {
        this.warnings = warnings;
        this.followLinks = followLinks;
        FileSystem fs = FileSystems.getDefault();
        for (String glob : paths) {
            includes.add(include(fs, glob));
        }
        for (String glob : excludes) {
            if (isAbsolute(glob)) {
                pathExcludes.addAll(matchers(fs, glob));
            } else if (glob.indexOf('/') >= 0) {
                throw new IllegalArgumentException("exclude pattern '" + glob
                        + "' must be absolute or a file-name pattern without '/'");
            } else {
                nameExcludes.add(matcher(fs, glob));
            }
        }
    }

    /** Checks a pattern the way the constructor does; returns a problem or {@code null}. */
    static String problemWith(String glob) {
        if (glob == null || glob.isBlank()) {
            return "a pattern is empty";
        }
        if (!isAbsolute(glob)) {
            return "pattern '" + glob + "' is not an absolute path";
        }
        try {
            matchers(FileSystems.getDefault(), glob);
        } catch (IllegalArgumentException e) {
            return "pattern '" + glob + "' is not a valid glob: " + e.getMessage();
        }
        return null;
    }

    /** The matching regular files now, sorted by path; problems are logged once per path. */
    Set<Path> scan() {
        Set<Path> found = new TreeSet<>();
        for (Include include : includes) {
            walk(include, found);
        }
        return found;
    }

    /** Whether {@code file} is excluded by name or pattern. */
    boolean isExcluded(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String lower = name.toString().toLowerCase(Locale.ROOT);
        for (String suffix : COMPRESSED) {
            if (lower.endsWith(suffix)) {
                return true;
            }
        }
        for (PathMatcher m : nameExcludes) {
            if (m.matches(name)) {
                return true;
            }
        }
        for (PathMatcher m : pathExcludes) {
            if (m.matches(file)) {
                return true;
            }
        }
        return false;
    }

    private void walk(Include include, Set<Path> found) {
        String base = include.base().toString();
        if (!Files.isDirectory(include.base())) {
            if (include.maxDepth() == 0 && Files.isRegularFile(include.base())
                    && (followLinks || !Files.isSymbolicLink(include.base()))) {
                warnings.clear(base);
                if (!isExcluded(include.base())) {
                    found.add(include.base());
                }
            } else if (include.maxDepth() > 0) {
                warnings.warn(base, "directory " + base + " of pattern '" + include.glob()
                        + "' does not exist or is not a directory; watching for it");
            }
            return;
        }
        warnings.clear(base);
        try {
            Files.walkFileTree(include.base(), followLinks ? EnumSet.of(FileVisitOption.FOLLOW_LINKS)
                    : EnumSet.noneOf(FileVisitOption.class), include.maxDepth(),
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            boolean regular = attrs.isRegularFile();
                            if (regular && include.matches(file) && !isExcluded(file)) {
                                found.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (!(e instanceof NoSuchFileException)) {
                                warnings.warn(file.toString(), "cannot look into " + file + ": "
                                        + describe(e));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            warnings.warn(base, "cannot scan " + base + " for '" + include.glob() + "': " + describe(e));
        }
    }

    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getMessage() != null ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : e.getClass().getSimpleName();
    }

    private static Include include(FileSystem fs, String glob) {
        String problem = problemWith(glob);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String[] parts = glob.split("/", -1);
        StringBuilder base = new StringBuilder();
        int i = 1;
        while (i < parts.length && !hasGlobCharacters(parts[i])) {
            base.append('/').append(parts[i]);
            i++;
        }
        if (i == parts.length) {
            // No glob characters at all: the pattern names one file.
            return new Include(glob, fs.getPath(glob), 0, matchers(fs, glob));
        }
        int depth = 0;
        boolean anyDepth = false;
        for (int j = i; j < parts.length; j++) {
            anyDepth |= parts[j].contains("**");
            depth++;
        }
        Path basePath = fs.getPath(base.length() == 0 ? "/" : base.toString());
        return new Include(glob, basePath, anyDepth ? MAX_DEPTH : depth, matchers(fs, glob));
    }

    /** The pattern's matcher, plus one where each {@code /**}{@code /} matches a single {@code /}. */
    private static List<PathMatcher> matchers(FileSystem fs, String glob) {
        List<PathMatcher> list = new ArrayList<>(2);
        list.add(matcher(fs, glob));
        String collapsed = glob.replace("/**/", "/");
        if (!collapsed.equals(glob)) {
            list.add(matcher(fs, collapsed));
        }
        return list;
    }

    private static PathMatcher matcher(FileSystem fs, String glob) {
        return fs.getPathMatcher("glob:" + glob);
    }

    private static boolean isAbsolute(String glob) {
        return glob.startsWith("/");
    }

    private static boolean hasGlobCharacters(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{' || c == '\\') {
                return true;
            }
        }
        return false;
    }
}
