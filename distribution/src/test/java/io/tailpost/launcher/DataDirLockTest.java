package io.tailpost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @Test
    void createsTheFolderAndRefusesASecondHolderUntilReleased(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");

        try (DataDirLock first = DataDirLock.acquire(data)) {
            assertThat(data.resolve(".lock")).exists();
            assertThatThrownBy(() -> DataDirLock.acquire(data))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(data.toString());
        }
        try (DataDirLock again = DataDirLock.acquire(data)) {
            assertThat(again).isNotNull();
        }
    }
}
