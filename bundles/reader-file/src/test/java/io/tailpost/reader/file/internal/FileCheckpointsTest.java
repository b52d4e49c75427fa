package io.tailpost.reader.file.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class FileCheckpointsTest {
    private static final long HOUR = 3_600_000_000_000L;

    @Test
    void movesOnlyWhenAnAcknowledgementRuns() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        FileCheckpoints checkpoints = new FileCheckpoints(store, HOUR, 0);
        FileId id = new FileId("8:42");

        var ack = checkpoints.ackAt(id, 120, "/var/log/a b.log");
        assertThat(checkpoints.offsetOf(id)).isEqualTo(-1);

        ack.acknowledged();
        assertThat(store.get("8:42")).isEqualTo("120 /var/log/a b.log");
        assertThat(checkpoints.offsetOf(id)).isEqualTo(120);
    }

    @Test
    void ignoresUnreadableValues() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        store.put("1:1", "lots /x.log");
        store.put("1:2", "-5 /y.log");

        FileCheckpoints checkpoints = new FileCheckpoints(store, HOUR, 0);

        assertThat(checkpoints.offsetOf(new FileId("1:1"))).isEqualTo(-1);
        assertThat(checkpoints.offsetOf(new FileId("1:2"))).isEqualTo(-1);
        assertThat(FileCheckpoints.parseOffset("77")).isEqualTo(77);
    }

    @Test
    void removesEntriesOfFilesUnseenForTheRetentionPeriod() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        store.put("1:1", "10 /gone.log");
        store.put("1:2", "20 /seen.log");
        store.put("1:3", "30 /open-but-renamed-away.log");
        FileCheckpoints checkpoints = new FileCheckpoints(store, HOUR, 0);

        checkpoints.sweep(Set.of(new FileId("1:2")), Set.of(new FileId("1:2"), new FileId("1:3")), HOUR / 2);
        assertThat(store.entries()).hasSize(3);

        checkpoints.sweep(Set.of(new FileId("1:2")), Set.of(new FileId("1:2"), new FileId("1:3")), HOUR + 1);
        assertThat(store.entries()).containsOnlyKeys("1:2", "1:3");
    }
}
