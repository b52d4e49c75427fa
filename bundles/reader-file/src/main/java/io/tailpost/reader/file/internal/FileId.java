package io.tailpost.reader.file.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * Which file a path points to, independent of its name: device and inode
 * ({@code "<dev>:<ino>"}) where the file system tells them, else the platform's file key.
 * A renamed file keeps its identity; a new file created at the same path gets a new one.
 * The key doubles as the file's checkpoint key.
 *
 * <p>Device and inode alone do not survive inode reuse (a deleted file's inode given to a
 * new file); content fingerprints can be added here without changing callers.
 */
record FileId(String key) {
    private static final boolean UNIX_VIEW = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

    /**
     * The identity of the file {@code path} points to now (symbolic links followed).
     *
     * @throws IOException when the file cannot be examined (gone, no permission)
     */
    static FileId of(Path path) throws IOException {
        if (UNIX_VIEW) {
            Map<String, Object> attributes = Files.readAttributes(path, "unix:dev,ino");
            return new FileId(attributes.get("dev") + ":" + attributes.get("ino"));
        }
        Object fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        return new FileId(fileKey != null ? "key:" + fileKey : "path:" + path.toAbsolutePath());
    }

    @Override
    public String toString() {
        return key;
    }
}
