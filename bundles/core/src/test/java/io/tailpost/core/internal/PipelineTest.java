package io.tailpost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.reader.Reader;
import io.tailpost.sdk.reader.ReaderContext;
import io.tailpost.sdk.sender.PreparedBatch;
import io.tailpost.sdk.sender.SendOutcome;
import io.tailpost.sdk.sender.Sender;
import io.tailpost.sdk.status.PipelineStatus;
import io.tailpost.sdk.status.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
    @TempDir
    Path data;

    private final CheckpointStores stores = new CheckpointStores();
    private final MetricsRegistry metrics = new MetricsRegistry();
    private Pipeline pipeline;

    @AfterEach
    void tearDown() {
        if (pipeline != null) {
            pipeline.close(1000);
        }
        stores.close();
    }

    private Pipeline pipeline(boolean withProcessor, long maxEvents, int batchMaxEvents) {
        return pipeline(withProcessor, maxEvents, batchMaxEvents, Map.of());
    }

    private Pipeline pipeline(boolean withProcessor, long maxEvents, int batchMaxEvents, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put("name", "p");
        props.put("reader.ids", new String[] {"r1"});
        props.put("reader.types", new String[] {"counting"});
        props.put("processor.ids", withProcessor ? new String[] {"upper"} : new String[0]);
        props.put("processor.types", withProcessor ? new String[] {"upper"} : new String[0]);
        props.putIfAbsent("sender.ids", new String[] {"s1"});
        props.putIfAbsent("sender.types", new String[] {"collect"});
        props.put("buffer.max.events", maxEvents);
        props.putIfAbsent("data.dir", data.toString());
        pipeline = new Pipeline(PipelineSettings.from(props), stores, metrics);
        return pipeline;
    }

    /** Binds the sender s1 and the reader r1 and starts the pipeline. */
    private static void start(Pipeline p, Reader reader, Sender sender, Map<String, Object> senderProps) {
        p.bindSender("s1", sender, senderProps);
        p.bindReader("r1", reader);
        p.start();
    }

    /** "0", "1", ... up to {@code n - 1}: what a {@link CountingReader} emits from the start. */
    private static List<String> numbers(int n) {
        List<String> numbers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            numbers.add(Integer.toString(i));
        }
        return numbers;
    }

    private static Map<String, Object> senderProps(int batchMaxEvents) {
        return Map.of("tailpost.id", "s1", "batch.max.events", batchMaxEvents, "batch.timeout.ms", 20L,
                "retry.initial.ms", 5L, "retry.max.ms", 50L);
    }

    /** Emits numbered lines in batches and records acknowledged positions in its checkpoint store. */
    static final class CountingReader implements Reader {
        final int total;
        final int perBatch;
        final List<Long> acked = new CopyOnWriteArrayList<>();
        final AtomicLong emitted = new AtomicLong();
        private Thread thread;
        private volatile boolean stop;
        private final long startAt;

        CountingReader(int total, int perBatch, long startAt) {
            this.total = total;
            this.perBatch = perBatch;
            this.startAt = startAt;
        }

        @Override
        public void start(ReaderContext ctx) {
            thread = new Thread(() -> {
                long next = startAt;
                try {
                    while (!stop && next < total) {
                        List<LogEvent> batch = new ArrayList<>();
                        for (int i = 0; i < perBatch && next < total; i++, next++) {
                            byte[] b = Long.toString(next).getBytes(StandardCharsets.UTF_8);
                            batch.add(LogEvent.ofBytes(b, 0, b.length, 0));
                        }
                        long end = next;
                        if (!ctx.emitter().emit(batch, () -> {
                            acked.add(end);
                            ctx.checkpoints().put("pos", Long.toString(end));
                        })) {
                            return;
                        }
                        emitted.set(end);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
        }

        @Override
        public void stop() {
            stop = true;
            thread.interrupt();
        }
    }

    /** Records every delivered message; fails the first {@code failures} attempts. */
    static final class CollectingSender implements Sender {
        final List<String> received = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failures;
        final AtomicInteger calls = new AtomicInteger();
        volatile SendOutcome.Kind forced;

        CollectingSender(int failures) {
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public CompletionStage<SendOutcome> send(List<LogEvent> batch) {
            calls.incrementAndGet();
            if (forced == SendOutcome.Kind.REJECTED) {
                return CompletableFuture.completedFuture(SendOutcome.rejected("HTTP 400: bad"));
            }
            if (failures.getAndDecrement() > 0) {
                return CompletableFuture.completedFuture(SendOutcome.retryable("HTTP 503"));
            }
            for (LogEvent e : batch) {
                received.add(e.message());
            }
            return CompletableFuture.completedFuture(SendOutcome.delivered());
        }
    }

    @Test
    void everyEventArrivesOnceInOrderAndAcksFollowEmitOrder() {
        Pipeline p = pipeline(false, 1000, 100);
        CountingReader reader = new CountingReader(20_000, 37, 0);
        CollectingSender sender = new CollectingSender(3);
        start(p, reader, sender, senderProps(100));

        await().atMost(Duration.ofSeconds(20)).until(() -> sender.received.size() >= 20_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.acked.contains(20_000L));
        assertThat(sender.received).containsExactlyElementsOf(numbers(20_000));
        assertThat(reader.acked).isSorted();
        PipelineStatus st = p.status();
        assertThat(st.state()).isEqualTo(State.RUNNING);
        assertThat(st.eventsIn()).isEqualTo(20_000);
        assertThat(st.eventsOut()).isEqualTo(20_000);
        assertThat(metrics.counter("sender.events.delivered", "pipeline", "p", "component", "s1").value())
                .isEqualTo(20_000);
        assertThat(metrics.counter("sender.retries", "pipeline", "p", "component", "s1").value()).isEqualTo(3);
        assertThat(metrics.counter("pipeline.events.in", "pipeline", "p").value()).isEqualTo(20_000);
        assertThat(metrics.counter("reader.events", "pipeline", "p", "component", "r1").value()).isEqualTo(20_000);
    }

    @Test
    void aPartialBatchFromAQuietSourceGoesOutLongBeforeTheBatchTimeout() {
        Pipeline p = pipeline(false, 1000, 100);
        CountingReader reader = new CountingReader(5, 5, 0);
        CollectingSender sender = new CollectingSender(0);
        start(p, reader, sender, Map.of("tailpost.id", "s1", "batch.max.events", 1000, "batch.timeout.ms", 60_000L));
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.received.size() == 5);
        assertThat(sender.calls.get()).isEqualTo(1);
    }

    /** Answers each batch after a delay, from another thread, and records how many were in flight at most. */
    static final class SlowSender implements Sender {
        final List<String> received = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newScheduledThreadPool(2);

        @Override
        public CompletionStage<SendOutcome> send(List<LogEvent> batch) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            List<String> messages = batch.stream().map(LogEvent::message).toList();
            CompletableFuture<SendOutcome> done = new CompletableFuture<>();
            timer.schedule(() -> {
                received.addAll(messages);
                inFlight.decrementAndGet();
                done.complete(SendOutcome.delivered());
            }, 20, java.util.concurrent.TimeUnit.MILLISECONDS);
            return done;
        }
    }

    @Test
    void aSenderWithConcurrencyFourHasUpToFourBatchesInFlightAndLosesNothing() {
        Pipeline p = pipeline(false, 10_000, 100);
        CountingReader reader = new CountingReader(10_000, 100, 0);
        SlowSender sender = new SlowSender();
        Map<String, Object> props = new HashMap<>(senderProps(100));
        props.put("concurrency", 4);
        start(p, reader, sender, props);
        await().atMost(Duration.ofSeconds(20)).until(() -> sender.received.size() >= 10_000);
        assertThat(sender.received).hasSize(10_000).doesNotHaveDuplicates();
        assertThat(sender.maxInFlight.get()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.acked.contains(10_000L));
        assertThat(reader.acked).isSorted();
    }

    @Test
    void anAdaptiveLimitGrowsBeyondOneBatchInFlightWhileAnswersStayFast() {
        Pipeline p = pipeline(false, 10_000, 100);
        CountingReader reader = new CountingReader(10_000, 100, 0);
        SlowSender sender = new SlowSender();
        Map<String, Object> props = new HashMap<>(senderProps(100));
        props.put("concurrency", "adaptive");
        start(p, reader, sender, props);
        await().atMost(Duration.ofSeconds(20)).until(() -> sender.received.size() >= 10_000);
        assertThat(sender.received).hasSize(10_000).doesNotHaveDuplicates();
        assertThat(sender.maxInFlight.get()).isGreaterThan(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.acked.contains(10_000L));
    }

    @Test
    void concurrencyOneKeepsOneBatchInFlight() {
        Pipeline p = pipeline(false, 10_000, 100);
        CountingReader reader = new CountingReader(2_000, 100, 0);
        SlowSender sender = new SlowSender();
        start(p, reader, sender, senderProps(100));
        await().atMost(Duration.ofSeconds(20)).until(() -> sender.received.size() >= 2_000);
        assertThat(sender.maxInFlight.get()).isEqualTo(1);
        assertThat(sender.received).containsExactlyElementsOf(numbers(2_000));
    }

    /**
     * Prepares batches as the core asks and answers each attempt only when the test says:
     * records "prepare N", "send N" and "close N" (N the batch's first event).
     */
    static final class PreparingSender implements Sender {
        final List<String> log = new CopyOnWriteArrayList<>();
        final java.util.concurrent.BlockingQueue<CompletableFuture<SendOutcome>> attempts =
                new java.util.concurrent.LinkedBlockingQueue<>();
        final List<String> received = Collections.synchronizedList(new ArrayList<>());

        @Override
        public CompletionStage<SendOutcome> send(List<LogEvent> batch) {
            throw new AssertionError("the core sends prepared batches");
        }

        @Override
        public PreparedBatch prepare(List<LogEvent> batch) {
            String first = batch.get(0).message();
            List<String> messages = batch.stream().map(LogEvent::message).toList();
            log.add("prepare " + first);
            return new PreparedBatch() {
                @Override
                public CompletionStage<SendOutcome> send() {
                    log.add("send " + first);
                    CompletableFuture<SendOutcome> answer = new CompletableFuture<>();
                    answer.thenAccept(outcome -> {
                        if (outcome.kind() == SendOutcome.Kind.DELIVERED) {
                            received.addAll(messages);
                        }
                    });
                    attempts.add(answer);
                    return answer;
                }

                @Override
                public void close() {
                    log.add("close " + first);
                }
            };
        }

        /** Answers the next attempt once it is made. */
        void answer(SendOutcome outcome) throws InterruptedException {
            CompletableFuture<SendOutcome> attempt = attempts.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(attempt).as("an attempt in flight").isNotNull();
            attempt.complete(outcome);
        }
    }

    @Test
    void atConcurrencyOneTheNextBatchIsPreparedWhileOneIsInFlightAndSentOnlyOnceThatOneIsDelivered()
            throws Exception {
        Pipeline p = pipeline(false, 1000, 100);
        CountingReader reader = new CountingReader(300, 100, 0);
        PreparingSender sender = new PreparingSender();
        start(p, reader, sender, senderProps(100));

        // Batch 0 is on its way; batch 100 is encoded meanwhile but waits.
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.log.contains("prepare 100"));
        assertThat(sender.log).containsExactly("prepare 0", "send 0", "prepare 100");
        // A retryable answer: batch 0 is sent again, from the same preparation, before batch 100.
        sender.answer(SendOutcome.retryable("HTTP 503"));
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.log.stream().filter("send 0"::equals).count() == 2);
        assertThat(sender.log).doesNotContain("send 100", "close 0");
        sender.answer(SendOutcome.delivered());
        sender.answer(SendOutcome.delivered());
        sender.answer(SendOutcome.delivered());

        await().atMost(Duration.ofSeconds(5)).until(() -> reader.acked.contains(300L));
        assertThat(sender.log).containsExactly("prepare 0", "send 0", "prepare 100", "send 0", "close 0",
                "send 100", "prepare 200", "close 100", "send 200", "close 200");
        assertThat(sender.received).containsExactlyElementsOf(numbers(300));
    }

    @Test
    void aBatchPreparedByASenderThatIsReplacedIsPreparedAgainByItsSuccessor() throws Exception {
        Pipeline p = pipeline(false, 1000, 100);
        CountingReader reader = new CountingReader(200, 100, 0);
        PreparingSender first = new PreparingSender();
        start(p, reader, first, senderProps(100));
        await().atMost(Duration.ofSeconds(5)).until(() -> first.log.contains("prepare 100"));

        // The plugin goes away with batch 0 in flight: its answer says so.
        p.unbindSender("s1", first);
        first.answer(SendOutcome.retryable("sender stopped"));
        PreparingSender second = new PreparingSender();
        p.bindSender("s1", second, senderProps(100));
        await().atMost(Duration.ofSeconds(5)).until(() -> second.log.contains("send 0"));
        second.answer(SendOutcome.delivered());
        second.answer(SendOutcome.delivered());

        await().atMost(Duration.ofSeconds(5)).until(() -> reader.acked.contains(200L));
        assertThat(first.log).containsExactlyInAnyOrder("prepare 0", "send 0", "prepare 100", "close 0", "close 100");
        assertThat(first.received).isEmpty();
        assertThat(second.log).startsWith("prepare 0", "send 0").contains("prepare 100", "send 100", "close 100");
        assertThat(second.received).hasSize(200).startsWith("0").endsWith("199");
    }

    @Test
    void aReaderReportsAProblemAsFailingWithTheReasonAndClearsIt() {
        Pipeline p = pipeline(false, 1000, 100);
        java.util.concurrent.atomic.AtomicReference<ReaderContext> context = new java.util.concurrent.atomic.AtomicReference<>();
        Reader reader = new Reader() {
            @Override
            public void start(ReaderContext ctx) {
                context.set(ctx);
            }

            @Override
            public void stop() {
            }
        };
        start(p, reader, new CollectingSender(0), senderProps(100));
        context.get().reportProblem("/var/log/secret.log: permission denied");
        assertThat(p.status().state()).isEqualTo(State.FAILING);
        assertThat(p.status().reason()).isEqualTo("reader r1: /var/log/secret.log: permission denied");
        context.get().reportProblem(null);
        assertThat(p.status().state()).isEqualTo(State.RUNNING);
    }

    @Test
    void readersBlockWhenTheSenderIsMissingAndNothingIsLostWhenItReturns() {
        Pipeline p = pipeline(false, 500, 50);
        CountingReader reader = new CountingReader(5_000, 10, 0);
        p.bindReader("r1", reader);
        p.start();

        // No sender: the queues fill, then the reader blocks well short of the end.
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.emitted.get() > 0);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> reader.emitted.get() < 5_000);
        assertThat(p.status().state()).isEqualTo(State.WAITING);
        assertThat(p.status().reason()).contains("sender/collect");
        assertThat(reader.acked).isEmpty();

        CollectingSender sender = new CollectingSender(0);
        p.bindSender("s1", sender, senderProps(50));
        await().atMost(Duration.ofSeconds(20)).until(() -> sender.received.size() >= 5_000);
        assertThat(sender.received).hasSize(5_000).doesNotHaveDuplicates();
    }

    @Test
    void senderReplacedMidStreamLosesNothing() {
        Pipeline p = pipeline(false, 1000, 100);
        CountingReader reader = new CountingReader(50_000, 100, 0);
        CollectingSender first = new CollectingSender(0);
        start(p, reader, first, senderProps(100));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.received.size() > 5_000);
        p.unbindSender("s1", first);
        CollectingSender second = new CollectingSender(0);
        p.bindSender("s1", second, senderProps(100));
        await().atMost(Duration.ofSeconds(20)).until(() -> first.received.size() + second.received.size() >= 50_000);
        List<String> all = new ArrayList<>(first.received);
        all.addAll(second.received);
        assertThat(all).hasSize(50_000).doesNotHaveDuplicates();
    }

    @Test
    void missingProcessorHoldsEventsUntilItArrives() {
        Pipeline p = pipeline(true, 1000, 100);
        CountingReader reader = new CountingReader(1_000, 100, 0);
        CollectingSender sender = new CollectingSender(0);
        start(p, reader, sender, senderProps(100));
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.emitted.get() > 0);
        assertThat(p.status().state()).isEqualTo(State.WAITING);
        assertThat(p.status().reason()).contains("processor/upper");
        assertThat(sender.received).isEmpty();

        p.bindProcessor("upper", events -> events.forEach(e -> e.setMessage("n" + e.message())));
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.received.size() >= 1_000);
        assertThat(sender.received).allMatch(s -> s.startsWith("n")).hasSize(1_000);
        assertThat(p.status().state()).isEqualTo(State.RUNNING);
    }

    @Test
    void rejectedBatchesGoToTheDeadLetterFileAndAreAcknowledged() throws Exception {
        Pipeline p = pipeline(false, 1000, 10);
        CountingReader reader = new CountingReader(10, 10, 0);
        CollectingSender sender = new CollectingSender(0);
        sender.forced = SendOutcome.Kind.REJECTED;
        start(p, reader, sender, senderProps(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.acked.contains(10L));
        Path dead = data.resolve("dead-letter").resolve("p.s1.ndjson");
        List<String> lines = Files.readAllLines(dead);
        assertThat(lines).hasSize(10);
        assertThat(lines.get(0)).contains("\"reason\":\"HTTP 400: bad\"").contains("\"message\":\"0\"");
        assertThat(metrics.counter("sender.events.rejected", "pipeline", "p", "component", "s1").value()).isEqualTo(10);
    }

    private static final Map<String, Object> DISK = Map.of("buffer.type", "disk", "buffer.max.bytes", 64L << 20,
            "buffer.fsync", "every_batch");

    @Test
    void eventsRefusedWithinADeliveredBatchAloneGoToTheDeadLetterFile() throws Exception {
        Pipeline p = pipeline(false, 1000, 10);
        CountingReader reader = new CountingReader(10, 10, 0);
        Sender refusesTwo = batch -> CompletableFuture.completedFuture(
                SendOutcome.deliveredExcept(new int[] {3, 1, 3, 99}, "bulk item refused with status 400"));
        start(p, reader, refusesTwo, senderProps(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.acked.contains(10L));

        List<String> lines = Files.readAllLines(data.resolve("dead-letter").resolve("p.s1.ndjson"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"reason\":\"bulk item refused with status 400\"", "\"message\":\"1\"");
        assertThat(lines.get(1)).contains("\"message\":\"3\"");
        assertThat(metrics.counter("sender.events.rejected", "pipeline", "p", "component", "s1").value()).isEqualTo(2);
        assertThat(metrics.counter("sender.events.delivered", "pipeline", "p", "component", "s1").value()).isEqualTo(8);
    }

    @Test
    void withADiskBufferReadersAreAcknowledgedOnceTheBatchIsDurableAndAfterARestartTheBufferIsDelivered() {
        Pipeline p = pipeline(false, 1000, 100, DISK);
        CountingReader reader = new CountingReader(3_000, 100, 0);
        p.bindReader("r1", reader);
        p.start();
        // No sender at all: the reader is still acknowledged, because the batches are on disk.
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.acked.contains(3_000L));
        p.close(500);

        Pipeline again = pipeline(false, 1000, 100, DISK);
        CollectingSender sender = new CollectingSender(0);
        again.bindSender("s1", sender, senderProps(100));
        again.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.received.size() >= 3_000);
        assertThat(sender.received).hasSize(3_000).doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> metrics.snapshot().stream().anyMatch(m -> m.name().equals("buffer.batches.pending") && m.value() == 0));
    }

    @Test
    void aFullDiskBufferDropsAsConfiguredAndTheDropCountMatchesWhatIsMissing() {
        for (String policy : new String[] {"drop_newest", "drop_oldest"}) {
            Path dir = data.resolve(policy);
            Map<String, Object> props = new HashMap<>(Map.of("buffer.type", "disk", "buffer.max.bytes", 20_000L,
                    "buffer.segment.bytes", 4_000L, "buffer.when.full", policy, "buffer.fsync", "never"));
            props.put("data.dir", dir.toString());
            Pipeline p = pipeline(false, 1000, 100, props);
            CountingReader reader = new CountingReader(5_000, 50, 0);
            p.bindReader("r1", reader);
            p.start();
            // No sender yet: everything goes to the buffer, which overflows.
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.acked.contains(5_000L));
            CollectingSender sender = new CollectingSender(0);
            p.bindSender("s1", sender, senderProps(100));
            long dropped = metrics.counter("buffer.events.dropped", "pipeline", "p", "component", "s1", "reason", "full_" + policy).value();
            assertThat(dropped).as(policy).isPositive();
            await().atMost(Duration.ofSeconds(10)).until(() -> sender.received.size() + dropped >= 5_000);
            await(policy + ": delivered + dropped == written, dropped " + dropped).during(Duration.ofMillis(300))
                    .until(() -> sender.received.size() + dropped == 5_000);
            // drop_newest keeps the oldest lines; drop_oldest keeps the newest (and what was already in memory).
            assertThat(sender.received).as(policy).doesNotHaveDuplicates()
                    .contains(policy.equals("drop_newest") ? "0" : "4999");
            if (policy.equals("drop_newest")) {
                assertThat(sender.received).doesNotContain("4999");
            }
            p.close(500);
            pipeline = null;
            metrics.counter("buffer.events.dropped", "pipeline", "p", "component", "s1", "reason", "full_" + policy).add(-dropped);
        }
    }

    @Test
    void withDiskBuffersASenderThatIsDownDoesNotHoldBackTheOtherSender() {
        Map<String, Object> props = new HashMap<>(Map.of("buffer.type", "disk", "buffer.fsync", "never"));
        props.put("sender.ids", new String[] {"down", "up"});
        props.put("sender.types", new String[] {"collect", "collect"});
        Pipeline p = pipeline(false, 500, 100, props);
        CountingReader reader = new CountingReader(20_000, 100, 0);
        CollectingSender up = new CollectingSender(0);
        p.bindSender("up", up, Map.of("tailpost.id", "up", "batch.max.events", 100, "batch.timeout.ms", 20L));
        p.bindReader("r1", reader);
        p.start();
        // "down" has no service: its own buffer grows, while "up" gets everything.
        await().atMost(Duration.ofSeconds(20)).until(() -> up.received.size() >= 20_000);
        assertThat(up.received).hasSize(20_000).doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.acked.contains(20_000L));

        CollectingSender late = new CollectingSender(0);
        p.bindSender("down", late, Map.of("tailpost.id", "down", "batch.max.events", 500, "batch.timeout.ms", 20L));
        await().atMost(Duration.ofSeconds(20)).until(() -> late.received.size() >= 20_000);
        assertThat(late.received).hasSize(20_000).doesNotHaveDuplicates();
    }

    @Test
    void withADiskBufferEveryEventArrivesOnceInOrder() {
        Pipeline p = pipeline(false, 1000, 100, Map.of("buffer.type", "disk", "buffer.fsync", "interval",
                "buffer.fsync.interval.ms", 10L));
        CountingReader reader = new CountingReader(20_000, 50, 0);
        CollectingSender sender = new CollectingSender(2);
        start(p, reader, sender, senderProps(200));
        await().atMost(Duration.ofSeconds(20)).until(() -> sender.received.size() >= 20_000);
        assertThat(sender.received).containsExactlyElementsOf(numbers(20_000));
        assertThat(reader.acked).isSorted();
    }

    @Test
    void eventsWaitingForADiskBufferFsyncAreNotKeptInMemory() {
        Pipeline p = pipeline(false, 1000, 100, Map.of("buffer.type", "disk", "buffer.fsync", "interval",
                "buffer.fsync.interval.ms", 600_000L));
        AtomicBoolean acked = new AtomicBoolean();
        AtomicReference<WeakReference<byte[]>> line = new AtomicReference<>();
        p.bindReader("r1", new Reader() {
            @Override
            public void start(ReaderContext ctx) {
                byte[] big = new byte[1 << 20];
                line.set(new WeakReference<>(big));
                try {
                    ctx.emitter().emit(new ArrayList<>(List.of(LogEvent.ofBytes(big, 0, big.length, 0))),
                            () -> acked.set(true));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void stop() {
                // Nothing runs in the background.
            }
        });
        p.start();

        // Written to the buffer but not yet fsync'd: unacknowledged, and its bytes are free to go.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return line.get() != null && line.get().get() == null;
        });
        assertThat(acked).isFalse();
    }

    @Test
    void theDeadLetterFileCanBeChosenPerSender() throws Exception {
        Pipeline p = pipeline(false, 1000, 10);
        CountingReader reader = new CountingReader(5, 5, 0);
        CollectingSender sender = new CollectingSender(0);
        sender.forced = SendOutcome.Kind.REJECTED;
        Map<String, Object> props = new HashMap<>(senderProps(10));
        props.put("dead.letter", "rejected/p.ndjson");
        start(p, reader, sender, props);
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.acked.contains(5L));
        assertThat(Files.readAllLines(data.resolve("rejected").resolve("p.ndjson"))).hasSize(5);
        assertThat(data.resolve("dead-letter").resolve("p.s1.ndjson")).doesNotExist();
    }

    @Test
    void checkpointsAreWrittenAtomicallyAndSurviveARestart() throws Exception {
        Pipeline p = pipeline(false, 1000, 100);
        CountingReader reader = new CountingReader(3_000, 100, 0);
        CollectingSender sender = new CollectingSender(0);
        start(p, reader, sender, senderProps(100));
        Path slot0 = data.resolve("checkpoints").resolve("r1.0");
        Path slot1 = data.resolve("checkpoints").resolve("r1.1");
        await().atMost(Duration.ofSeconds(10)).until(() -> (Files.exists(slot0)
                && Files.readString(slot0, StandardCharsets.ISO_8859_1).contains("pos=3000"))
                || (Files.exists(slot1) && Files.readString(slot1, StandardCharsets.ISO_8859_1).contains("pos=3000")));
        p.close(1000);
        pipeline = null;

        try (CheckpointStores fresh = new CheckpointStores()) {
            assertThat(fresh.storeFor(data, "r1").get("pos")).isEqualTo("3000");
        }
    }
}
