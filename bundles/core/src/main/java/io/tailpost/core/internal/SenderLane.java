package io.tailpost.core.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.metrics.Counter;
import io.tailpost.sdk.metrics.Metrics;
import io.tailpost.sdk.sender.PreparedBatch;
import io.tailpost.sdk.sender.SendOutcome;
import io.tailpost.sdk.sender.Sender;
import io.tailpost.sdk.status.State;

/**
 * One sender of a pipeline with its own bounded queue and thread: it batches by count,
 * bytes and time (a partial batch waits at most the batch timeout, and is sent early when
 * its source goes quiet), sends one batch at a time (so order is kept), retries with backoff
 * until the batch is delivered or rejected (then dead-lettered), and releases the
 * chunks whose events it has finished with. The lane outlives the sender service: while
 * the service is gone (bundle updated or stopped) the lane keeps its queue and waits.
 */
final class SenderLane {
    private static final System.Logger LOG = System.getLogger(SenderLane.class.getName());
    /** Longest wait for a sender's answer before the attempt counts as failed. */
    private static final long SEND_GUARD_MILLIS = TimeUnit.MINUTES.toMillis(5);
    /**
     * A partial batch is sent once no event has arrived for this long: lingering only
     * pays while events keep coming, and a quiet source's lines go out at once.
     */
    static final long IDLE_FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** A run of one chunk's events queued in this lane. */
    private static final class Segment {
        final Chunk chunk;
        final List<LogEvent> events;
        int taken;
        private int finished;

        Segment(Chunk chunk, List<LogEvent> events) {
            this.chunk = chunk;
            this.events = events;
        }

        /** Marks {@code count} events done; the last ones release the chunk. Batches may finish in any order. */
        void finish(int count) {
            boolean last;
            synchronized (this) {
                finished += count;
                last = finished == events.size();
            }
            if (last) {
                chunk.release();
            }
        }
    }

    /** The part of a segment that went into one batch. */
    private record Part(Segment segment, int count) {
    }

    /** One batch and the segment parts it carries. */
    private record Batch(List<LogEvent> events, List<Part> parts) {
    }

    private final String pipeline;
    final String id;
    final String type;
    private final long capacityEvents;
    private final DeadLetters deadLetters;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Segment> pending = new ArrayDeque<>();
    private long pendingEvents;
    private long pendingBytes;
    private long lastOfferNanos;
    /** When the batch being formed started to linger; 0 while none is. */
    private long lingerSinceNanos;
    private boolean closing;
    private long drainDeadlineNanos;
    private Sender sender;
    private SenderSettings settings = SenderSettings.DEFAULTS;
    private final Thread thread;
    private final ExecutorService senders;
    private int inFlight;
    private final ConcurrencyLimit limit = new ConcurrencyLimit();
    private final List<Metrics.Registration> gauges = new ArrayList<>();

    final LongAdder delivered = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder retries = new LongAdder();
    private volatile State state = State.WAITING;
    private volatile String reason;

    private final Counter deliveredMetric;
    private final Counter rejectedMetric;
    private final Counter retriesMetric;

    SenderLane(String pipeline, String id, String type, long capacityEvents, DeadLetters deadLetters, Metrics metrics) {
        this.pipeline = pipeline;
        this.deliveredMetric = metrics.counter("sender.events.delivered", "pipeline", pipeline, "component", id);
        this.rejectedMetric = metrics.counter("sender.events.rejected", "pipeline", pipeline, "component", id);
        this.retriesMetric = metrics.counter("sender.retries", "pipeline", pipeline, "component", id);
        this.id = id;
        this.type = type;
        this.capacityEvents = Math.max(1, capacityEvents);
        this.deadLetters = deadLetters;
        this.reason = "waiting for plugin sender/" + type;
        this.thread = new Thread(this::run, "tailpost-" + pipeline + "-batch-" + id);
        this.thread.setDaemon(true);
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tailpost-" + pipeline + "-send-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        gauges.add(metrics.gauge("sender.requests.in.flight", this::inFlight, "pipeline", pipeline, "component", id));
        gauges.add(metrics.gauge("sender.concurrency.limit", limit::current, "pipeline", pipeline, "component", id));
    }

    void start() {
        thread.start();
    }

    /** Binds (or rebinds) the sender service; {@code null} unbinds it and the lane waits. */
    void setSender(Sender newSender, SenderSettings newSettings) {
        lock.lock();
        try {
            sender = newSender;
            if (newSettings != null) {
                settings = newSettings;
                limit.configure(newSettings.concurrency(), newSettings.adaptive());
                deadLetters.useFile(newSettings.deadLetterPath());
            }
            if (newSender == null) {
                state = State.WAITING;
                reason = "waiting for plugin sender/" + type;
            } else if (state == State.WAITING) {
                state = State.RUNNING;
                reason = null;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean hasSender() {
        return boundSender() != null;
    }

    /**
     * Queues a chunk's processed events, waiting while the lane is full. The chunk is held
     * until the lane has delivered (or dead-lettered) its last event here.
     *
     * @return false when the lane is closing and did not take them
     */
    boolean offer(Chunk chunk, List<LogEvent> events) throws InterruptedException {
        if (events.isEmpty()) {
            return true;
        }
        lock.lockInterruptibly();
        try {
            while (!closing && !pending.isEmpty() && pendingEvents + events.size() > capacityEvents) {
                changed.await();
            }
            if (closing) {
                return false;
            }
            boolean wasEmpty = pending.isEmpty();
            chunk.hold();
            pending.addLast(new Segment(chunk, events));
            pendingEvents += events.size();
            // Unchanged by processors (the common case): the size was measured once at emit.
            pendingBytes += events == chunk.events ? chunk.bytes : Chunk.bytesOf(events);
            lastOfferNanos = System.nanoTime();
            // Wake the batching thread only when it has something new to do: events where
            // there were none, or a full batch. While it lingers it wakes at its own deadline.
            if (wasEmpty || pendingEvents >= settings.batchMaxEvents() || pendingBytes >= settings.batchMaxBytes()) {
                changed.signalAll();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking events and lets the lane deliver what it holds for up to
     * {@code drainMillis}; then the thread is interrupted and undelivered events stay
     * unacknowledged (their readers send them again after a restart).
     */
    void close(long drainMillis) {
        lock.lock();
        try {
            closing = true;
            drainDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(drainMillis + 1000);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(5000);
            }
            senders.shutdown();
            if (!senders.awaitTermination(Math.max(1, drainMillis), TimeUnit.MILLISECONDS)) {
                senders.shutdownNow();
                senders.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gauges.forEach(Metrics.Registration::close);
    }

    long inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    long queuedEvents() {
        lock.lock();
        try {
            return pendingEvents;
        } finally {
            lock.unlock();
        }
    }

    State state() {
        return state;
    }

    String reason() {
        return reason;
    }

    private boolean drainExpired() {
        return closing && System.nanoTime() - drainDeadlineNanos > 0;
    }

    /**
     * The batching thread. With a concurrency limit of 1 (which keeps order) it sends the
     * batches itself, one in flight: while a batch is on its way it forms and
     * {@linkplain Sender#prepare prepares} the next one, so encoding overlaps the wait for
     * the destination, and sends it once the one before is done (delivered, or
     * dead-lettered after retries). With a higher limit it hands each batch to a sending
     * thread, which prepares it, so encoding runs in parallel too.
     */
    private void run() {
        Flight flight = null;
        try {
            while (true) {
                Batch batch = nextBatch(flight);
                boolean taken = batch != null && batch != LANDED;
                Prepared prepared = taken && limit.current() <= 1 ? prepare(batch) : null;
                if (flight != null) {
                    Flight landing = flight;
                    flight = null;
                    send(landing.batch, landing.prepared, landing);
                }
                if (batch == null) {
                    return;
                }
                if (!taken) {
                    continue;
                }
                if (limit.current() > 1) {
                    // Several in flight (or an adaptive limit that grew while this batch
                    // was prepared): a sending thread takes it once a slot is free.
                    if (!awaitSlot()) {
                        closeQuietly(prepared);
                        return;
                    }
                    senders.execute(() -> send(batch, prepared, null));
                    continue;
                }
                flight = takeOff(batch, prepared);
                if (flight == null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            state = State.FAILING;
            reason = "sender lane stopped: " + e;
            LOG.log(Level.ERROR, "sender " + id + " of pipeline " + pipeline + " stopped; events stay unacknowledged", e);
        } finally {
            if (flight != null) {
                closeQuietly(flight.prepared);
            }
        }
    }

    /** Returned by {@link #nextBatch} when the batch in flight landed before a new one was ready. */
    private static final Batch LANDED = new Batch(List.of(), List.of());

    /** The batch in flight at a concurrency limit of 1: its first attempt, sent and not yet awaited. */
    private static final class Flight {
        final Batch batch;
        final Prepared prepared;
        /** The first attempt's outcome; null when no sender was bound to start it. */
        final CompletableFuture<SendOutcome> outcome;
        final long sentNanos;
        /** When the answer came (0 until then), so the round trip excludes the wait to look at it. */
        volatile long answeredNanos;

        Flight(Batch batch, Prepared prepared, CompletableFuture<SendOutcome> outcome, long sentNanos) {
            this.batch = batch;
            this.prepared = prepared;
            this.outcome = outcome;
            this.sentNanos = sentNanos;
        }
    }

    /**
     * Takes a slot and starts the first attempt of {@code batch}; with no sender bound it is
     * left to {@link #deliver}, which waits for one. Null when the lane is done closing.
     */
    private Flight takeOff(Batch batch, Prepared preparedEarlier) throws InterruptedException {
        if (!awaitSlot()) {
            closeQuietly(preparedEarlier);
            return null;
        }
        Sender current = boundSender();
        if (current == null) {
            return new Flight(batch, preparedEarlier, null, 0);
        }
        Prepared prepared = preparedFor(current, preparedEarlier, batch.events());
        long sent = System.nanoTime();
        CompletableFuture<SendOutcome> outcome;
        try {
            outcome = prepared.batch().send().toCompletableFuture();
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        Flight flight = new Flight(batch, prepared, outcome, sent);
        // Notes the time, and wakes the batching thread should it be waiting for events.
        outcome.whenComplete((result, failure) -> {
            flight.answeredNanos = System.nanoTime();
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        });
        return flight;
    }

    /** A batch prepared by one sender service: stale once another one is bound. */
    private record Prepared(Sender sender, PreparedBatch batch) {
    }

    /** {@code prepared} if {@code current} made it, else the batch prepared again by {@code current}. */
    private Prepared preparedFor(Sender current, Prepared prepared, List<LogEvent> events) {
        if (prepared != null && prepared.sender() == current) {
            return prepared;
        }
        closeQuietly(prepared);
        return prepare(current, events);
    }

    /** Frees a prepared batch (null: nothing); a sender failing to do so is logged, the lane goes on. */
    private void closeQuietly(Prepared prepared) {
        if (prepared == null) {
            return;
        }
        try {
            prepared.batch().close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sender " + id + " of pipeline " + pipeline + " failed to free a prepared batch", e);
        }
    }

    /** Prepares with the sender bound now, or returns null when there is none. */
    private Prepared prepare(Batch batch) {
        Sender current = boundSender();
        return current == null ? null : prepare(current, batch.events());
    }

    private Sender boundSender() {
        lock.lock();
        try {
            return sender;
        } finally {
            lock.unlock();
        }
    }

    private Prepared prepare(Sender current, List<LogEvent> events) {
        PreparedBatch prepared;
        try {
            prepared = current.prepare(events);
        } catch (RuntimeException e) {
            // A sender that breaks the contract: send the plain way.
            LOG.log(Level.WARNING, "sender " + id + " of pipeline " + pipeline
                    + " failed to prepare a batch; sending it unprepared", e);
            prepared = null;
        }
        if (prepared == null) {
            prepared = PreparedBatch.unprepared(current, events);
        }
        return new Prepared(current, prepared);
    }

    /** Delivers a batch (its first attempt already started when {@code flight} is not null) and releases its slot. */
    private void send(Batch batch, Prepared prepared, Flight flight) {
        try {
            if (deliver(batch.events(), prepared, flight)) {
                for (Part part : batch.parts()) {
                    part.segment().finish(part.count());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            state = State.FAILING;
            reason = "sending failed: " + e;
            LOG.log(Level.ERROR, "sender " + id + " of pipeline " + pipeline + ": a batch of " + batch.events().size()
                    + " events stays unacknowledged", e);
        } finally {
            releaseSlot();
        }
    }

    /** Waits until fewer batches than the limit are in flight, and takes a slot; false when closing is done. */
    private boolean awaitSlot() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (inFlight >= limit.current()) {
                if (drainExpired()) {
                    return false;
                }
                changed.await(100, TimeUnit.MILLISECONDS);
            }
            inFlight++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void releaseSlot() {
        lock.lock();
        try {
            inFlight--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for events, lingers until the batch is full or its time is up, and takes it.
     * Returns {@link #LANDED} without taking anything when the answer to {@code flight}
     * comes first, and null when the lane is closing and has nothing left.
     */
    private Batch nextBatch(Flight flight) throws InterruptedException {
        List<Part> parts = new ArrayList<>(4);
        lock.lockInterruptibly();
        try {
            while (pending.isEmpty()) {
                if (closing) {
                    return null;
                }
                if (landed(flight)) {
                    return LANDED;
                }
                changed.await();
            }
            SenderSettings s = settings;
            long timeout = TimeUnit.MILLISECONDS.toNanos(s.batchTimeoutMillis());
            if (lingerSinceNanos == 0) {
                lingerSinceNanos = System.nanoTime();
            }
            long lingerEnd = lingerSinceNanos + timeout;
            long idle = Math.min(IDLE_FLUSH_NANOS, timeout);
            while (!closing && pendingEvents < s.batchMaxEvents() && pendingBytes < s.batchMaxBytes()) {
                long now = System.nanoTime();
                long left = Math.min(lingerEnd - now, lastOfferNanos + idle - now);
                if (left <= 0) {
                    break;
                }
                if (landed(flight)) {
                    return LANDED;
                }
                changed.awaitNanos(left);
            }
            lingerSinceNanos = 0;
            List<LogEvent> batch = new ArrayList<>((int) Math.min(pendingEvents, s.batchMaxEvents()));
            long batchBytes = 0;
            while (!pending.isEmpty() && batch.size() < s.batchMaxEvents()
                    && (batch.isEmpty() || batchBytes < s.batchMaxBytes())) {
                Segment seg = pending.peekFirst();
                int start = seg.taken;
                while (seg.taken < seg.events.size() && batch.size() < s.batchMaxEvents()
                        && (batch.isEmpty() || batchBytes < s.batchMaxBytes())) {
                    LogEvent e = seg.events.get(seg.taken++);
                    batch.add(e);
                    batchBytes += e.estimatedSize();
                }
                parts.add(new Part(seg, seg.taken - start));
                pendingEvents -= seg.taken - start;
                if (seg.taken == seg.events.size()) {
                    pending.removeFirst();
                }
            }
            pendingBytes = Math.max(0, pendingBytes - batchBytes);
            changed.signalAll();
            return new Batch(batch, parts);
        } finally {
            lock.unlock();
        }
    }

    private static boolean landed(Flight flight) {
        return flight != null && (flight.outcome == null || flight.outcome.isDone());
    }

    /** The sender to use now, waiting while there is none; null when the drain time ran out. */
    private Sender awaitSender() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (sender == null) {
                if (drainExpired()) {
                    return null;
                }
                if (closing) {
                    changed.awaitNanos(Math.max(1, drainDeadlineNanos - System.nanoTime()));
                } else {
                    changed.await();
                }
            }
            return sender;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends until delivered or rejected, preparing the batch again when the sender that
     * prepared it is gone, and closes the prepared batch. Returns false when the lane must
     * stop instead.
     */
    private boolean deliver(List<LogEvent> batch, Prepared preparedEarlier, Flight flight) throws InterruptedException {
        SenderSettings s = settings;
        Backoff backoff = new Backoff(s.retryInitialMillis(), s.retryMaxMillis());
        Prepared prepared = preparedEarlier;
        boolean firstSent = flight != null && flight.outcome != null;
        try {
            while (true) {
                long started;
                long ended = 0;
                SendOutcome outcome;
                if (firstSent) {
                    firstSent = false;
                    started = flight.sentNanos;
                    outcome = await(flight.outcome, started);
                    ended = flight.answeredNanos;
                } else {
                    Sender current = awaitSender();
                    if (current == null) {
                        return false;
                    }
                    prepared = preparedFor(current, prepared, batch);
                    started = System.nanoTime();
                    outcome = attempt(prepared.batch());
                }
                limit.observe(outcome.kind() != SendOutcome.Kind.RETRYABLE,
                        (ended != 0 ? ended : System.nanoTime()) - started);
                switch (outcome.kind()) {
                    case DELIVERED -> {
                        if (backoff.failures() > 0) {
                            LOG.log(Level.INFO, "sender " + id + " of pipeline " + pipeline + " delivers again after "
                                    + backoff.failures() + " failed attempts");
                        }
                        List<LogEvent> refused = refusedEvents(batch, outcome.refusedEvents());
                        if (!refused.isEmpty()) {
                            deadLetter(refused, outcome.reason());
                        }
                        delivered.add(batch.size() - refused.size());
                        deliveredMetric.add(batch.size() - refused.size());
                        markRunning();
                        return true;
                    }
                    case REJECTED -> {
                        deadLetter(batch, outcome.reason());
                        markRunning();
                        return true;
                    }
                    default -> {
                        retries.increment();
                        retriesMetric.increment();
                        long delay = backoff.nextDelayMillis(outcome.retryAfter());
                        state = State.FAILING;
                        reason = outcome.reason();
                        if (backoff.failures() == 1 || backoff.failures() % 10 == 0) {
                            LOG.log(Level.WARNING, "sender " + id + " of pipeline " + pipeline + ": " + outcome.reason()
                                    + "; attempt " + backoff.failures() + ", retrying in " + delay + " ms");
                        }
                        if (!pause(delay)) {
                            return false;
                        }
                    }
                }
            }
        } finally {
            closeQuietly(prepared);
        }
    }

    /** The events at {@code positions} (each once, positions past the batch ignored). */
    private static List<LogEvent> refusedEvents(List<LogEvent> batch, int[] positions) {
        if (positions.length == 0) {
            return List.of();
        }
        int[] sorted = positions.clone();
        Arrays.sort(sorted);
        List<LogEvent> events = new ArrayList<>(sorted.length);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < batch.size() && (i == 0 || sorted[i] != sorted[i - 1])) {
                events.add(batch.get(sorted[i]));
            }
        }
        return events;
    }

    private void markRunning() {
        if (state != State.WAITING) {
            state = State.RUNNING;
            reason = null;
        }
    }

    private SendOutcome attempt(PreparedBatch batch) throws InterruptedException {
        long started = System.nanoTime();
        CompletableFuture<SendOutcome> outcome;
        try {
            outcome = batch.send().toCompletableFuture();
        } catch (RuntimeException e) {
            return SendOutcome.retryable("send failed: " + e);
        }
        return await(outcome, started);
    }

    /** Waits for an attempt sent at {@code sentNanos}, at most {@link #SEND_GUARD_MILLIS} from then. */
    private static SendOutcome await(CompletableFuture<SendOutcome> attempt, long sentNanos) throws InterruptedException {
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(SEND_GUARD_MILLIS) - (System.nanoTime() - sentNanos);
            SendOutcome outcome = attempt.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            return outcome != null ? outcome : SendOutcome.retryable("sender returned no outcome");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return SendOutcome.retryable("send failed: " + cause);
        } catch (TimeoutException e) {
            return SendOutcome.retryable("no answer from sender within " + SEND_GUARD_MILLIS + " ms");
        } catch (RuntimeException e) {
            return SendOutcome.retryable("send failed: " + e);
        }
    }

    private void deadLetter(List<LogEvent> batch, String why) throws InterruptedException {
        Backoff backoff = new Backoff(100, 30_000);
        while (true) {
            try {
                deadLetters.write(batch, why);
                rejected.add(batch.size());
                rejectedMetric.add(batch.size());
                LOG.log(Level.WARNING, "sender " + id + " of pipeline " + pipeline + " rejected " + batch.size()
                        + " events (" + why + "); written to " + deadLetters.file());
                return;
            } catch (IOException e) {
                state = State.FAILING;
                reason = "cannot write dead letters: " + e.getMessage();
                LOG.log(Level.ERROR, "sender " + id + " of pipeline " + pipeline + ": cannot write dead letters to "
                        + deadLetters.file() + "; will retry", e);
                if (!pause(backoff.nextDelayMillis(null))) {
                    throw new InterruptedException("lane closed while dead letters could not be written");
                }
            }
        }
    }

    /** Waits {@code millis}, cut short by the end of the drain time; false when the lane must stop. */
    private boolean pause(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lockInterruptibly();
        try {
            while (true) {
                if (drainExpired()) {
                    return false;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                if (closing) {
                    left = Math.min(left, Math.max(1, drainDeadlineNanos - System.nanoTime()));
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }
}
