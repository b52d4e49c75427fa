package io.tailpost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest {
    @TempDir
    Path dir;

    /** Write-behind switched off: only flush() writes, so which slot holds what is known. */
    private final ScheduledExecutorService writer = new ScheduledThreadPoolExecutor(1) {
        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return super.schedule(() -> { }, 0, unit);
        }
    };

    @AfterEach
    void stop() {
        writer.shutdownNow();
    }

    private FileCheckpointStore open() throws IOException {
        return new FileCheckpointStore(dir.resolve("r.properties"), writer);
    }

    @Test
    void aWriteTornByACrashLeavesThePreviousCopy() throws IOException {
        FileCheckpointStore store = open();
        store.put("pos", "100");
        store.flush();
        store.put("pos", "200");
        store.flush();
        store.close();
        // The newer copy (sequence 2, slot 0) loses its tail, as a crash in mid-write would leave it.
        Path newer = dir.resolve("r.0");
        byte[] bytes = Files.readAllBytes(newer);
        Files.write(newer, Arrays.copyOf(bytes, bytes.length - 3));

        assertThat(open().get("pos")).isEqualTo("100");
    }

    @Test
    void theNewerOfTwoGoodCopiesWins() throws IOException {
        FileCheckpointStore store = open();
        for (int i = 1; i <= 5; i++) {
            store.put("pos", Integer.toString(i));
            store.flush();
        }
        store.close();

        assertThat(open().get("pos")).isEqualTo("5");
    }

    @Test
    void positionsOfTheEarlierPropertiesFileAreKeptAndThatFileGoesAfterTheFirstDurableWrite() throws IOException {
        Path legacy = dir.resolve("r.properties");
        Files.writeString(legacy, "pos=42\nother=x\n", StandardCharsets.ISO_8859_1);

        FileCheckpointStore store = open();
        assertThat(store.get("pos")).isEqualTo("42");
        store.put("pos", "43");
        store.flush();
        store.close();

        assertThat(legacy).doesNotExist();
        FileCheckpointStore again = open();
        assertThat(again.entries()).containsEntry("pos", "43").containsEntry("other", "x");
    }

    @Test
    void twoDamagedSlotsAreAnErrorNamingBoth() throws IOException {
        Files.writeString(dir.resolve("r.0"), "garbage that is long enough");
        Files.writeString(dir.resolve("r.1"), "more garbage, also long enough");

        assertThatThrownBy(this::open).isInstanceOf(IOException.class)
                .hasMessageContaining("r.0").hasMessageContaining("r.1").hasMessageContaining("damaged");
    }
}
