package io.tailpost.reader.file.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class FileCheckpointsTest {
    private static final long HOUR = 3_600_000_000_000L;

    @Test
    void movesOnlyWhenAnAcknowledgementRuns() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        FileCheckpoints checkpoints = new FileCheckpoints(store, null, "test/r", HOUR, 0);
        FileId id = new FileId("8:42");

        var ack = checkpoints.ackAt(id, 120, new Fingerprint(64, 0xabcL), "/var/log/a b.log");
        assertThat(checkpoints.positionOf(id)).isNull();

        ack.acknowledged();
        assertThat(store.get("8:42")).isEqualTo("120 64:abc /var/log/a b.log");
        assertThat(checkpoints.positionOf(id))
                .isEqualTo(new FileCheckpoints.Position(120, new Fingerprint(64, 0xabcL), null));
    }

    @Test
    void ignoresUnreadableValues() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        store.put("1:1", "lots /x.log");
        store.put("1:2", "-5 /y.log");

        FileCheckpoints checkpoints = new FileCheckpoints(store, null, "test/r", HOUR, 0);

        assertThat(checkpoints.positionOf(new FileId("1:1"))).isNull();
        assertThat(checkpoints.positionOf(new FileId("1:2"))).isNull();
        assertThat(FileCheckpoints.parseOffset("77")).isEqualTo(77);
        assertThat(FileCheckpoints.parseFingerprint("77 /old/format.log")).isNull();
        assertThat(FileCheckpoints.parseFingerprint("77 3:1f /new format.log")).isEqualTo(new Fingerprint(3, 0x1f));
    }

    @Test
    void removesEntriesOfFilesUnseenForTheRetentionPeriod() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        store.put("1:1", "10 /gone.log");
        store.put("1:2", "20 /seen.log");
        store.put("1:3", "30 /open-but-renamed-away.log");
        FileCheckpoints checkpoints = new FileCheckpoints(store, null, "test/r", HOUR, 0);

        checkpoints.sweep(Set.of(new FileId("1:2")), Set.of(new FileId("1:2"), new FileId("1:3")), HOUR / 2);
        assertThat(store.entries()).hasSize(3);

        checkpoints.sweep(Set.of(new FileId("1:2")), Set.of(new FileId("1:2"), new FileId("1:3")), HOUR + 1);
        assertThat(store.entries()).containsOnlyKeys("1:2", "1:3");
    }

    @Test
    void fallsBackToThePositionAnotherReaderRecordedForTheSameIdentity(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) {
        KnownFiles known = KnownFiles.in(dir);
        FileCheckpoints old = new FileCheckpoints(new InMemoryCheckpointStore(), known, "p/old-id", HOUR, 0);
        old.ackAt(new FileId("9:9"), 300, new Fingerprint(10, 5), "/l/a.log").acknowledged();
        known.flush();

        FileCheckpoints renamed = new FileCheckpoints(new InMemoryCheckpointStore(), known, "p/new-id", HOUR, 0);
        assertThat(renamed.positionOf(new FileId("9:9")))
                .isEqualTo(new FileCheckpoints.Position(300, new Fingerprint(10, 5), "p/old-id"));
        assertThat(dir.resolve(KnownFiles.FILE_NAME)).content().contains("9\\:9=300 10\\:5 ");
    }
}
