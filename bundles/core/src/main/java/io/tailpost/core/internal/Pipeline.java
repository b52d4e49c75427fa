package io.tailpost.core.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.PluginKind;
import io.tailpost.sdk.metrics.Counter;
import io.tailpost.sdk.metrics.Metrics;
import io.tailpost.sdk.processor.Processor;
import io.tailpost.sdk.reader.Acknowledgement;
import io.tailpost.sdk.reader.CheckpointStore;
import io.tailpost.sdk.reader.Emitter;
import io.tailpost.sdk.reader.Reader;
import io.tailpost.sdk.reader.ReaderContext;
import io.tailpost.sdk.sender.Sender;
import io.tailpost.sdk.status.ComponentStatus;
import io.tailpost.sdk.status.PipelineStatus;
import io.tailpost.sdk.status.State;

/**
 * One running pipeline: readers feed a bounded queue, one processing thread runs the
 * processor chain per batch and hands the result to every sender lane, and each lane
 * delivers on its own. Parts arrive and leave as their services do; a stage whose part
 * is missing waits (keeping what it holds) and goes on when the part is back.
 */
final class Pipeline {
    private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());

    private final PipelineSettings settings;
    private final CheckpointStores checkpoints;
    private final BoundedChunkQueue input;
    private final Map<String, ReaderSlot> readers = new LinkedHashMap<>();
    private final Map<String, ProcessorSlot> processors = new LinkedHashMap<>();
    private final Map<String, SenderLane> lanes = new LinkedHashMap<>();
    private final SenderLane[] laneArray;
    private final Thread processing;
    private final Object partsLock = new Object();
    private final LongAdder eventsIn = new LongAdder();
    private final LongAdder eventsAcked = new LongAdder();
    private volatile boolean running;
    private volatile boolean closed;
    private volatile long drainDeadlineNanos = Long.MAX_VALUE;
    private final Metrics metrics;
    private final Counter eventsInMetric;
    private final Counter eventsAckedMetric;
    private final List<Metrics.Registration> gauges = new ArrayList<>();
    /** With a disk buffer: one per sender, in lane order; null for the memory buffer. */
    private final LaneFeeder[] feeders;
    private final Object diskRetry = new Object();
    private volatile String bufferFailure;

    /** A configured reader and, when its service is present, the service and its run state. */
    private static final class ReaderSlot {
        final PipelineSettings.Part part;
        Reader reader;
        AckSequencer sequencer;
        volatile State state = State.WAITING;
        volatile String reason;
        final LongAdder emitted = new LongAdder();
        Counter emittedMetric;

        ReaderSlot(PipelineSettings.Part part) {
            this.part = part;
            this.reason = "waiting for plugin " + part.kind().label() + "/" + part.type();
        }
    }

    private static final class ProcessorSlot {
        final PipelineSettings.Part part;
        volatile Processor processor;
        final LongAdder processed = new LongAdder();
        final LongAdder failures = new LongAdder();
        Counter processedMetric;
        Counter failuresMetric;

        ProcessorSlot(PipelineSettings.Part part) {
            this.part = part;
        }
    }

    Pipeline(PipelineSettings settings, CheckpointStores checkpoints, Metrics metrics) {
        this.settings = settings;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.input = new BoundedChunkQueue(settings.maxEvents(), settings.maxBytes());
        String name = settings.name();
        eventsInMetric = metrics.counter("pipeline.events.in", "pipeline", name);
        eventsAckedMetric = metrics.counter("pipeline.events.acknowledged", "pipeline", name);
        gauges.add(metrics.gauge("pipeline.queue.events", input::events, "pipeline", name));
        for (PipelineSettings.Part p : settings.readers()) {
            ReaderSlot slot = new ReaderSlot(p);
            slot.emittedMetric = metrics.counter("reader.events", "pipeline", name, "component", p.id());
            readers.put(p.id(), slot);
        }
        for (PipelineSettings.Part p : settings.processors()) {
            ProcessorSlot slot = new ProcessorSlot(p);
            slot.processedMetric = metrics.counter("processor.events", "pipeline", name, "component", p.id());
            slot.failuresMetric = metrics.counter("processor.failures", "pipeline", name, "component", p.id());
            processors.put(p.id(), slot);
        }
        for (PipelineSettings.Part p : settings.senders()) {
            SenderLane lane = new SenderLane(name, p.id(), p.type(), settings.maxEvents(),
                    new DeadLetters(settings.dataDir(), name, p.id()), metrics);
            gauges.add(metrics.gauge("sender.queue.events", lane::queuedEvents, "pipeline", name, "component", p.id()));
            lanes.put(p.id(), lane);
        }
        laneArray = lanes.values().toArray(new SenderLane[0]);
        feeders = settings.disk() == null ? null : openLaneBuffers(settings, metrics);
        processing = new Thread(this::processLoop, "tailpost-" + settings.name() + "-process");
        processing.setDaemon(true);
    }

    String name() {
        return settings.name();
    }

    /** Each sender's own disk buffer under {@code <data>/buffer/<pipeline>/<sender>/}. */
    private LaneFeeder[] openLaneBuffers(PipelineSettings settings, Metrics metrics) {
        LaneFeeder[] result = new LaneFeeder[laneArray.length];
        for (int i = 0; i < laneArray.length; i++) {
            SenderLane lane = laneArray[i];
            Path dir = settings.dataDir().resolve("buffer").resolve(settings.name()).resolve(lane.id);
            try {
                result[i] = new LaneFeeder(new DiskBuffer(dir, settings.disk(), settings.name(), lane.id, metrics), lane,
                        settings.name());
            } catch (IOException e) {
                for (int j = 0; j < i; j++) {
                    closeQuietly(result[j].buffer);
                }
                throw new IllegalStateException("pipeline " + settings.name() + ": cannot open the disk buffer of sender "
                        + lane.id + " in " + dir + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    private void closeQuietly(DiskBuffer buffer) {
        try {
            buffer.close();
        } catch (IOException e) {
            LOG.log(Level.ERROR, "pipeline " + settings.name() + ": cannot close a disk buffer cleanly; "
                    + "undelivered batches are delivered again after a restart", e);
        }
    }

    /** Starts the stages; readers start as their services arrive. */
    void start() {
        synchronized (partsLock) {
            running = true;
            for (SenderLane lane : laneArray) {
                lane.start();
            }
            if (feeders != null) {
                for (LaneFeeder f : feeders) {
                    f.start();
                }
            }
            processing.start();
            for (ReaderSlot slot : readers.values()) {
                if (slot.reader != null) {
                    startReader(slot);
                }
            }
        }
        LOG.log(Level.INFO, "pipeline " + settings.name() + " started: " + settings.readers().size() + " readers, "
                + settings.processors().size() + " processors, " + settings.senders().size() + " senders"
                + (missingPart() == null ? "" : "; waiting for plugin " + missingPart()));
    }

    // ---- parts coming and going ------------------------------------------------------

    void bindReader(String id, Reader reader) {
        synchronized (partsLock) {
            ReaderSlot slot = readers.get(id);
            if (slot == null || closed) {
                return;
            }
            if (slot.reader != null && slot.reader != reader) {
                stopReader(slot);
            }
            slot.reader = reader;
            if (running) {
                startReader(slot);
            }
        }
    }

    void unbindReader(String id, Reader reader) {
        synchronized (partsLock) {
            ReaderSlot slot = readers.get(id);
            if (slot == null || slot.reader != reader) {
                return;
            }
            stopReader(slot);
            slot.reader = null;
            slot.state = State.WAITING;
            slot.reason = "waiting for plugin reader/" + slot.part.type();
        }
    }

    void bindProcessor(String id, Processor processor) {
        synchronized (partsLock) {
            ProcessorSlot slot = processors.get(id);
            if (slot != null) {
                slot.processor = processor;
                partsLock.notifyAll();
            }
        }
    }

    void unbindProcessor(String id, Processor processor) {
        synchronized (partsLock) {
            ProcessorSlot slot = processors.get(id);
            if (slot != null && slot.processor == processor) {
                slot.processor = null;
            }
        }
    }

    void bindSender(String id, Sender sender, Map<String, ?> properties) {
        SenderLane lane = lanes.get(id);
        if (lane == null) {
            return;
        }
        SenderSettings s;
        try {
            s = SenderSettings.from(properties);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, "sender " + id + " of pipeline " + settings.name() + ": " + e.getMessage()
                    + "; using the default batch and retry settings");
            s = SenderSettings.DEFAULTS;
        }
        lane.setSender(sender, s);
    }

    void unbindSender(String id, Sender sender) {
        SenderLane lane = lanes.get(id);
        if (lane != null) {
            lane.setSender(null, null);
        }
    }

    private void startReader(ReaderSlot slot) {
        Reader reader = slot.reader;
        try {
            slot.sequencer = new AckSequencer(slot.part.id());
            reader.start(new Context(slot, reader, checkpoints.storeFor(settings.dataDir(), slot.part.id())));
            slot.state = State.RUNNING;
            slot.reason = null;
        } catch (Exception e) {
            slot.state = State.FAILING;
            slot.reason = "cannot start: " + e.getMessage();
            LOG.log(Level.ERROR, "reader " + slot.part.id() + " of pipeline " + settings.name() + " cannot start", e);
        }
    }

    private void stopReader(ReaderSlot slot) {
        try {
            slot.reader.stop();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reader " + slot.part.id() + " of pipeline " + settings.name() + " failed to stop", e);
        }
    }

    // ---- the data path ----------------------------------------------------------------

    private final class Context implements ReaderContext, Emitter {
        private final ReaderSlot slot;
        private final Reader reader;
        private final AckSequencer sequencer;
        private final CheckpointStore store;

        Context(ReaderSlot slot, Reader reader, CheckpointStore store) {
            this.slot = slot;
            this.reader = reader;
            this.sequencer = slot.sequencer;
            this.store = store;
        }

        @Override
        public String readerId() {
            return slot.part.id();
        }

        @Override
        public String pipeline() {
            return settings.name();
        }

        @Override
        public Emitter emitter() {
            return this;
        }

        @Override
        public CheckpointStore checkpoints() {
            return store;
        }

        @Override
        public Path stateDirectory() {
            Path dir = settings.dataDir().resolve("state").resolve(slot.part.id());
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create state directory " + dir, e);
            }
            return dir;
        }

        @Override
        public boolean isRunning() {
            return running && slot.reader == reader;
        }

        @Override
        public void reportProblem(String problem) {
            if (slot.reader != reader) {
                return;
            }
            slot.state = problem == null ? State.RUNNING : State.FAILING;
            slot.reason = problem;
        }

        @Override
        public boolean emit(List<LogEvent> events, Acknowledgement ack) throws InterruptedException {
            if (!isRunning()) {
                return false;
            }
            List<LogEvent> owned = events instanceof ArrayList ? events : new ArrayList<>(events);
            long seq = sequencer.register();
            int count = owned.size();
            Chunk chunk = new Chunk(owned, Chunk.bytesOf(owned), () -> {
                acknowledged(count);
                sequencer.complete(seq, ack);
            });
            if (!input.put(chunk)) {
                return false;
            }
            eventsIn.add(count);
            eventsInMetric.add(count);
            slot.emitted.add(count);
            slot.emittedMetric.add(count);
            return true;
        }
    }

    /**
     * Appends to the disk buffer, waiting and trying again every second while the disk
     * cannot take it (full file system, I/O error): the reader pauses, the status says
     * why, and it goes on by itself once the disk works again.
     */
    private boolean appendDurably(DiskBuffer disk, List<LogEvent> events, Runnable onDurable)
            throws InterruptedException {
        while (running || System.nanoTime() - drainDeadlineNanos < 0) {
            try {
                boolean taken = disk.append(events, onDurable);
                if (bufferFailure != null) {
                    LOG.log(Level.INFO, "pipeline " + settings.name() + ": disk buffer writable again");
                    bufferFailure = null;
                }
                return taken;
            } catch (IOException e) {
                if (bufferFailure == null) {
                    LOG.log(Level.ERROR, "pipeline " + settings.name() + ": cannot write its disk buffer ("
                            + e.getMessage() + "); readers wait and it is tried again every second", e);
                }
                bufferFailure = "cannot write disk buffer: " + e.getMessage();
                synchronized (diskRetry) {
                    diskRetry.wait(1000);
                }
            }
        }
        return false;
    }

    private void acknowledged(long events) {
        eventsAcked.add(events);
        eventsAckedMetric.add(events);
    }

    private void processLoop() {
        try {
            while (true) {
                Chunk chunk = input.poll(200, TimeUnit.MILLISECONDS);
                if (chunk == null) {
                    if (!running) {
                        return;
                    }
                    continue;
                }
                List<LogEvent> events = chunk.events;
                if (!processors.isEmpty()) {
                    if (!awaitChain()) {
                        return;
                    }
                    runChain(events);
                }
                if (laneArray.length > 1) {
                    freeze(events);
                }
                if (feeders != null) {
                    // Durable in every sender's buffer is as good as delivered for the reader.
                    for (LaneFeeder f : feeders) {
                        chunk.hold();
                        if (!appendDurably(f.buffer, events, chunk::release)) {
                            return;
                        }
                    }
                    // Waiting for an fsync (interval policy) must not keep the events in memory.
                    chunk.dropEvents();
                } else {
                    for (SenderLane lane : laneArray) {
                        if (!lane.offer(chunk, events)) {
                            return;
                        }
                    }
                }
                chunk.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "processing stage of pipeline " + settings.name()
                    + " stopped; queued events stay unacknowledged", e);
        }
    }

    /** Waits until every processor is present; false when the pipeline is closing and the drain time is up. */
    private boolean awaitChain() throws InterruptedException {
        synchronized (partsLock) {
            while (true) {
                boolean complete = true;
                for (ProcessorSlot slot : processors.values()) {
                    if (slot.processor == null) {
                        complete = false;
                        break;
                    }
                }
                if (complete) {
                    return true;
                }
                if (!running && System.nanoTime() - drainDeadlineNanos > 0) {
                    return false;
                }
                partsLock.wait(200);
            }
        }
    }

    private void runChain(List<LogEvent> events) {
        for (ProcessorSlot slot : processors.values()) {
            Processor p = slot.processor;
            if (p == null) {
                return; // left while we ran; the remaining steps are skipped for this batch only
            }
            int n = events.size();
            try {
                p.process(events);
                slot.processed.add(n);
                slot.processedMetric.add(n);
            } catch (RuntimeException e) {
                slot.failures.increment();
                slot.failuresMetric.increment();
                String error = slot.part.id() + ": " + e;
                for (LogEvent ev : events) {
                    ev.fields().put("processor_error", error);
                }
                LOG.log(Level.WARNING, "processor " + slot.part.id() + " of pipeline " + settings.name()
                        + " failed on a batch of " + n + " events; they go on marked with processor_error", e);
            }
        }
    }

    /** Encodes lazily derived state once, so several sender threads only read the events. */
    private static void freeze(List<LogEvent> events) {
        for (int i = 0, n = events.size(); i < n; i++) {
            events.get(i).messageLength();
        }
    }

    // ---- stopping --------------------------------------------------------------------

    /**
     * Stops readers, then lets queued events drain for up to {@code drainMillis} before
     * stopping the stages. Undelivered events stay unacknowledged, so their readers
     * read them again after a restart.
     */
    void close(long drainMillis) {
        synchronized (partsLock) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            drainDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
            for (ReaderSlot slot : readers.values()) {
                if (slot.reader != null) {
                    stopReader(slot);
                }
            }
            partsLock.notifyAll();
        }
        input.close();
        long start = System.nanoTime();
        try {
            processing.join(Math.max(1, drainMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long left = Math.max(0, drainMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        if (feeders != null) {
            for (LaneFeeder f : feeders) {
                f.stop();
            }
        }
        for (SenderLane lane : laneArray) {
            lane.close(left);
        }
        if (processing.isAlive()) {
            processing.interrupt();
        }
        if (feeders != null) {
            for (LaneFeeder f : feeders) {
                closeQuietly(f.buffer);
            }
        }
        checkpoints.flushAll();
        gauges.forEach(Metrics.Registration::close);
        long undelivered = eventsIn.sum() - eventsAcked.sum();
        LOG.log(Level.INFO, "pipeline " + settings.name() + " stopped" + (undelivered > 0
                ? "; " + undelivered + " events were not delivered and will be read again" : ""));
    }

    // ---- status ------------------------------------------------------------------------

    /** The first missing part, or null when every part is present. */
    private String missingPart() {
        for (ReaderSlot slot : readers.values()) {
            if (slot.reader == null) {
                return slot.part.label();
            }
        }
        for (ProcessorSlot slot : processors.values()) {
            if (slot.processor == null) {
                return slot.part.label();
            }
        }
        for (SenderLane lane : laneArray) {
            if (!lane.hasSender()) {
                return PluginKind.SENDER.label() + "/" + lane.type + " (id " + lane.id + ")";
            }
        }
        return null;
    }

    PipelineStatus status() {
        List<ComponentStatus> components = new ArrayList<>();
        State worst = State.RUNNING;
        String why = null;
        synchronized (partsLock) {
            for (ReaderSlot slot : readers.values()) {
                components.add(new ComponentStatus(slot.part.id(), PluginKind.READER, slot.part.type(), slot.state,
                        slot.reason, slot.emitted.sum()));
            }
            for (ProcessorSlot slot : processors.values()) {
                boolean present = slot.processor != null;
                String reason = present ? null : "waiting for plugin processor/" + slot.part.type();
                components.add(new ComponentStatus(slot.part.id(), PluginKind.PROCESSOR, slot.part.type(),
                        present ? State.RUNNING : State.WAITING, reason, slot.processed.sum()));
            }
        }
        for (SenderLane lane : laneArray) {
            components.add(new ComponentStatus(lane.id, PluginKind.SENDER, lane.type, lane.state(), lane.reason(),
                    lane.delivered.sum()));
        }
        for (ComponentStatus c : components) {
            if (c.state() == State.WAITING && worst != State.WAITING) {
                worst = State.WAITING;
                why = c.reason() + " (id " + c.id() + ")";
            } else if (c.state() == State.FAILING && worst == State.RUNNING) {
                worst = State.FAILING;
                why = c.kind().label() + " " + c.id() + ": " + c.reason();
            }
        }
        String buffer = bufferFailure;
        if (buffer != null && worst != State.WAITING) {
            worst = State.FAILING;
            why = buffer;
        }
        if (closed) {
            worst = State.STOPPED;
            why = null;
        }
        long in = eventsIn.sum();
        long acked = eventsAcked.sum();
        return new PipelineStatus(settings.name(), worst, why, in, acked, Math.max(0, in - acked),
                List.copyOf(components));
    }
}
