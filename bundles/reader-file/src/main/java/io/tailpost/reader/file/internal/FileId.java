package io.tailpost.reader.file.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * Which file a path points to, independent of its name: device and inode
 * ({@code "<dev>:<ino>"}) where the file system tells them, else the platform's file key.
 * A renamed file keeps its identity; a new file created at the same path gets a new one.
 * The key doubles as the file's checkpoint key; the checkpoint also carries a
 * {@link Fingerprint} of the file's first bytes, so that a new file that reuses the
 * inode of a deleted one is not taken for it.
 */
record FileId(String key) {
    private static final boolean UNIX_VIEW = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

    /** A file's identity and size as one scan saw them. */
    record Observed(FileId id, long size) {
    }

    /**
     * The identity of the file {@code path} points to now (symbolic links followed).
     *
     * @throws IOException when the file cannot be examined (gone, no permission)
     */
    static FileId of(Path path) throws IOException {
        return observe(path).id();
    }

    /** The identity and size of the file {@code path} points to now (symbolic links followed). */
    static Observed observe(Path path) throws IOException {
        if (UNIX_VIEW) {
            Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino,size");
            return new Observed(new FileId(a.get("dev") + ":" + a.get("ino")), (Long) a.get("size"));
        }
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        Object fileKey = attributes.fileKey();
        FileId id = new FileId(fileKey != null ? "key:" + fileKey : "path:" + path.toRealPath(new LinkOption[0]));
        return new Observed(id, attributes.size());
    }

    @Override
    public String toString() {
        return key;
    }
}
