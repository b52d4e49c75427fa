package io.tailpost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.json.ByteArrayBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskBufferTest {
    @TempDir
    Path dir;

    private final MetricsRegistry metrics = new MetricsRegistry();
    private final List<DiskBuffer> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws IOException {
        for (DiskBuffer b : opened) {
            b.close();
        }
    }

    private DiskBuffer open(long maxBytes, long segmentBytes, DiskBuffer.FullPolicy full, DiskBuffer.SyncPolicy sync)
            throws IOException {
        DiskBuffer b = new DiskBuffer(dir, new DiskBuffer.Settings(maxBytes, segmentBytes, full, sync, 20), "p", "s", metrics);
        opened.add(b);
        return b;
    }

    private DiskBuffer open() throws IOException {
        return open(1L << 30, 1L << 20, DiskBuffer.FullPolicy.BLOCK, DiskBuffer.SyncPolicy.EVERY_BATCH);
    }

    private static List<LogEvent> batch(int from, int count) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            byte[] b = ("line " + i).getBytes(StandardCharsets.UTF_8);
            LogEvent e = LogEvent.ofBytes(b, 0, b.length, 1_000_000_000L * i + 7);
            e.setSource("/var/log/app.log");
            events.add(e);
        }
        return events;
    }

    private static List<String> messages(List<LogEvent> events) {
        return events.stream().map(LogEvent::message).toList();
    }

    private static List<String> drain(DiskBuffer b, boolean ack) throws Exception {
        List<String> all = new ArrayList<>();
        DiskBuffer.Record r;
        while ((r = b.next(50, TimeUnit.MILLISECONDS)) != null) {
            all.addAll(messages(r.events()));
            if (ack) {
                b.acknowledge(r);
            }
        }
        return all;
    }

    private long segmentFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).count();
        }
    }

    @Test
    void eventsComeBackInOrderWithTheirFields() throws Exception {
        DiskBuffer b = open();
        List<LogEvent> first = batch(0, 3);
        first.get(1).fields().put("status", 200L);
        first.get(1).fields().put("nested", Map.of("ok", true, "ratio", 0.5, "tags", List.of("a", "b")));
        first.get(2).clearMessage();
        first.get(2).metadata().put("truncated", "split");
        AtomicInteger durable = new AtomicInteger();
        assertThat(b.append(first, durable::incrementAndGet)).isTrue();
        assertThat(b.append(batch(3, 2), durable::incrementAndGet)).isTrue();
        assertThat(durable).hasValue(2);

        DiskBuffer.Record r = b.next(1, TimeUnit.SECONDS);
        assertThat(r.events()).hasSize(3);
        LogEvent e0 = r.events().get(0);
        assertThat(e0.message()).isEqualTo("line 0");
        assertThat(e0.source()).isEqualTo("/var/log/app.log");
        assertThat(e0.timeUnixNanos()).isEqualTo(7);
        assertThat(r.events().get(1).fields()).containsEntry("status", 200L)
                .containsEntry("nested", Map.of("ok", true, "ratio", 0.5, "tags", List.of("a", "b")));
        assertThat(r.events().get(2).hasMessage()).isFalse();
        assertThat(r.events().get(2).metadata()).containsEntry("truncated", "split");
        assertThat(r.events().get(2).source()).isEqualTo("/var/log/app.log");
        assertThat(messages(b.next(1, TimeUnit.SECONDS).events())).containsExactly("line 3", "line 4");
        assertThat(b.next(10, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aRestartReplaysOnlyWhatWasNotAcknowledged() throws Exception {
        DiskBuffer b = open();
        for (int i = 0; i < 10; i++) {
            b.append(batch(i * 10, 10), () -> { });
        }
        for (int i = 0; i < 3; i++) {
            b.acknowledge(b.next(1, TimeUnit.SECONDS));
        }
        b.next(1, TimeUnit.SECONDS); // handed out but never acknowledged: replayed
        b.close();

        DiskBuffer reopened = open();
        List<String> replayed = drain(reopened, true);
        assertThat(replayed).hasSize(70);
        assertThat(replayed.get(0)).isEqualTo("line 30");
        assertThat(replayed.get(69)).isEqualTo("line 99");
        assertThat(reopened.pendingRecords()).isZero();
    }

    @Test
    void theDeliveredPositionIsPersistedWhileRunningSoACrashReplaysLittle() throws Exception {
        DiskBuffer b = open();
        for (int i = 0; i < 10; i++) {
            b.append(batch(i * 10, 10), () -> { });
        }
        for (int i = 0; i < 6; i++) {
            b.acknowledge(b.next(1, TimeUnit.SECONDS));
        }
        Path state = dir.resolve("state.properties");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Files.exists(state) && Files.readString(state).contains("acked=6"));
        // No close: as after kill -9, another instance opens the same folder.
        DiskBuffer afterCrash = new DiskBuffer(dir, new DiskBuffer.Settings(1L << 30, 1L << 20,
                DiskBuffer.FullPolicy.BLOCK, DiskBuffer.SyncPolicy.EVERY_BATCH, 20), "p2", "s", metrics);
        opened.add(afterCrash);
        assertThat(drain(afterCrash, false)).hasSize(40).startsWith("line 60");
    }

    @Test
    void acknowledgedSegmentsAreDeleted() throws Exception {
        DiskBuffer b = open(1L << 30, 300, DiskBuffer.FullPolicy.BLOCK, DiskBuffer.SyncPolicy.NEVER);
        for (int i = 0; i < 20; i++) {
            b.append(batch(i * 5, 5), () -> { });
        }
        assertThat(segmentFiles()).isGreaterThan(5);
        assertThat(drain(b, true)).hasSize(100);
        assertThat(segmentFiles()).isEqualTo(1);
        assertThat(b.bytes()).isLessThan(300);
    }

    @Test
    void aTornTailIsCutOffCountedAndAppendingGoesOn() throws Exception {
        DiskBuffer b = open();
        for (int i = 0; i < 5; i++) {
            b.append(batch(i * 2, 2), () -> { });
        }
        b.close();
        Path seg;
        try (Stream<Path> s = Files.list(dir)) {
            seg = s.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
        long goodSize = Files.size(seg);
        // A record header announcing 1000 bytes, followed by only a few: a write cut short by a crash.
        Files.write(seg, new byte[] {0, 0, 3, (byte) 232, 1, 2, 3, 4, 9, 9}, StandardOpenOption.APPEND);

        DiskBuffer reopened = open();
        assertThat(metrics.counter("buffer.records.corrupted", "pipeline", "p", "component", "s").value()).isEqualTo(1);
        assertThat(Files.size(seg)).isEqualTo(goodSize);
        reopened.append(batch(10, 2), () -> { });
        assertThat(drain(reopened, true)).hasSize(12).endsWith("line 10", "line 11");
    }

    @Test
    void aCorruptRecordSkipsTheRestOfItsSegmentAndTheOthersAreDelivered() throws Exception {
        DiskBuffer b = open(1L << 30, 200, DiskBuffer.FullPolicy.BLOCK, DiskBuffer.SyncPolicy.EVERY_BATCH);
        for (int i = 0; i < 12; i++) {
            b.append(batch(i * 3, 3), () -> { });
        }
        b.close();
        List<Path> segs;
        try (Stream<Path> s = Files.list(dir)) {
            segs = s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
        assertThat(segs.size()).isGreaterThan(2);
        byte[] first = Files.readAllBytes(segs.get(0));
        first[first.length - 3] ^= 0x55; // inside the last record of the first segment
        Files.write(segs.get(0), first);

        DiskBuffer reopened = open(1L << 30, 200, DiskBuffer.FullPolicy.BLOCK, DiskBuffer.SyncPolicy.EVERY_BATCH);
        List<String> delivered = drain(reopened, true);
        assertThat(metrics.counter("buffer.records.corrupted", "pipeline", "p", "component", "s").value()).isEqualTo(1);
        assertThat(delivered).hasSize(33).doesNotHaveDuplicates().contains("line 0", "line 35");
    }

    @Test
    void dropNewestDropsAndCountsTheIncomingBatch() throws Exception {
        DiskBuffer b = open(400, 1L << 20, DiskBuffer.FullPolicy.DROP_NEWEST, DiskBuffer.SyncPolicy.EVERY_BATCH);
        AtomicInteger durable = new AtomicInteger();
        int appended = 0;
        while (metrics.counter("buffer.events.dropped", "pipeline", "p", "component", "s", "reason", "full_drop_newest").value() == 0) {
            b.append(batch(appended * 4, 4), durable::incrementAndGet);
            appended++;
        }
        assertThat(durable).as("a dropped batch is still acknowledged to its reader").hasValue(appended);
        assertThat(metrics.counter("buffer.events.dropped", "pipeline", "p", "component", "s", "reason", "full_drop_newest").value())
                .isEqualTo(4);
        assertThat(drain(b, true)).hasSize((appended - 1) * 4).doesNotContain("line " + ((appended - 1) * 4));
    }

    @Test
    void dropOldestDropsTheOldestSegmentAndCountsItsUndeliveredEvents() throws Exception {
        DiskBuffer b = open(600, 200, DiskBuffer.FullPolicy.DROP_OLDEST, DiskBuffer.SyncPolicy.EVERY_BATCH);
        for (int i = 0; i < 30; i++) {
            b.append(batch(i * 2, 2), () -> { });
        }
        long dropped = metrics.counter("buffer.events.dropped", "pipeline", "p", "component", "s", "reason", "full_drop_oldest").value();
        assertThat(dropped).isPositive();
        List<String> left = drain(b, true);
        assertThat(left.size() + dropped).isEqualTo(60);
        assertThat(left).contains("line 59").doesNotContain("line 0");
        assertThat(b.bytes()).isLessThanOrEqualTo(600);
    }

    @Test
    void blockWaitsUntilDeliveryMakesRoom() throws Exception {
        DiskBuffer b = open(400, 150, DiskBuffer.FullPolicy.BLOCK, DiskBuffer.SyncPolicy.EVERY_BATCH);
        int i = 0;
        while (b.bytes() + 60 < 400) {
            b.append(batch(i * 2, 2), () -> { });
            i++;
        }
        int before = i;
        AtomicBoolean appended = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try {
                for (int k = 0; k < 5; k++) {
                    b.append(batch(1000 + k * 2, 2), () -> { });
                }
                appended.set(true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> !appended.get());
        // Delivery frees segments; the blocked writer goes on, and what it adds is delivered too.
        List<String> all = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            all.addAll(drain(b, true));
            return appended.get() && b.pendingRecords() == 0;
        });
        assertThat(all).hasSize(before * 2 + 10).doesNotHaveDuplicates();
        writer.join();
    }

    @Test
    void intervalSyncAcknowledgesReadersAfterTheSync() throws Exception {
        DiskBuffer b = open(1L << 30, 1L << 20, DiskBuffer.FullPolicy.BLOCK, DiskBuffer.SyncPolicy.INTERVAL);
        AtomicInteger durable = new AtomicInteger();
        b.append(batch(0, 2), durable::incrementAndGet);
        await().atMost(Duration.ofSeconds(2)).until(() -> durable.get() == 1);
    }

    @Test
    void codecRejectsTruncatedRecords() {
        ByteArrayBuilder out = new ByteArrayBuilder(64);
        EventCodec.encode(batch(0, 2), out);
        byte[] bytes = out.toByteArray();
        assertThat(messages(EventCodec.decode(bytes, 0, bytes.length))).containsExactly("line 0", "line 1");
        assertThatThrownBy(() -> EventCodec.decode(bytes, 0, bytes.length - 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at byte");
    }
}
