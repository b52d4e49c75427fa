package io.tailpost.config.yaml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileWatcherTest {
    @TempDir
    Path dir;

    private final List<String> changes = new CopyOnWriteArrayList<>();
    private final List<IOException> failures = new CopyOnWriteArrayList<>();

    private ConfigFileWatcher watcher(Path file, Duration interval) {
        return new ConfigFileWatcher(file, interval,
                bytes -> changes.add(new String(bytes, StandardCharsets.UTF_8)), failures::add);
    }

    @Test
    void reportsTheFirstContentAndEachChangeOnce() throws IOException {
        Path file = Files.writeString(dir.resolve("tp.yaml"), "a: 1\n");
        ConfigFileWatcher watcher = watcher(file, Duration.ofHours(1));

        watcher.check();
        watcher.check();
        Files.writeString(file, "a: 2\n");
        watcher.check();
        watcher.check();

        assertThat(changes).containsExactly("a: 1\n", "a: 2\n");
        watcher.close();
    }

    @Test
    void reportsAnUnreadableFileOnceAndTheSameContentAfterwardsNotAgain() throws IOException {
        Path file = Files.writeString(dir.resolve("tp.yaml"), "a: 1\n");
        ConfigFileWatcher watcher = watcher(file, Duration.ofHours(1));
        watcher.check();

        Files.delete(file);
        watcher.check();
        watcher.check();
        Files.writeString(file, "a: 1\n");
        watcher.check();
        Files.delete(file);
        watcher.check();

        assertThat(failures).hasSize(2);
        assertThat(changes).containsExactly("a: 1\n");
        watcher.close();
    }

    @Test
    void pollsInTheBackground() throws IOException {
        Path file = Files.writeString(dir.resolve("tp.yaml"), "a: 1\n");
        try (ConfigFileWatcher watcher = watcher(file, Duration.ofMillis(20))) {
            watcher.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() == 1);

            Path next = Files.writeString(dir.resolve("tp.yaml.new"), "a: 2\n");
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() == 2);
            assertThat(changes).containsExactly("a: 1\n", "a: 2\n");
        }
    }
}
