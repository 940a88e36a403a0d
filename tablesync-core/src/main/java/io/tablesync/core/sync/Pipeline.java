package io.tablesync.core.sync;

import io.tablesync.core.config.Configuration;
import io.tablesync.core.element.Record;
import io.tablesync.core.engine.DirtyRecordSink;
import io.tablesync.core.engine.TaskCollector;
import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitCheckpoint;
import io.tablesync.core.source.SplitEnumerator;
import io.tablesync.core.source.SplitPosition;
import io.tablesync.core.source.SplitStatus;
import io.tablesync.core.source.StreamingSource;
import io.tablesync.core.spi.Writer;
import io.tablesync.core.spi.WriterPlugin;
import io.tablesync.core.stats.TaskCounters;
import io.tablesync.core.transport.Channel;
import io.tablesync.core.transport.Throttle;
import io.tablesync.core.transformer.TransformerChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a continuous job from its stored checkpoints until it stops, finishes (a bounded job),
 * fails, or loses its lease: the enumerator on the calling thread, split readers on a small pool,
 * one {@link ChannelSlot} (channel + writer task) per channel, checkpoints written from
 * acknowledgements by {@link CheckpointCommitter}. After a transient failure the runner starts a
 * new pipeline, which resumes from what this one committed.
 */
final class Pipeline implements SplitTask.Owner {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final long MAX_LOOP_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** How a pipeline ended. */
    enum Ending { STOPPED, FINISHED, FAILED, LEASE_LOST }

    record Outcome(Ending ending, Throwable error) {
    }

    /** What a pipeline needs from the job: the source, the writer side, the engine settings. */
    record Job(StreamingSource source, WriterPlugin writerPlugin, String writerName, String readerName,
               List<Configuration> writerConfs, Configuration readerParameter, Configuration root,
               TransformerChain transformers, DirtyRecordSink dirtySink, TaskCollector.DirtyListener dirtyListener) {
    }

    private final Job job;
    private final SyncOptions options;
    private final SyncMetrics metrics;
    private final BooleanSupplier leaseHeld;
    private final LongSupplier clock;
    private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<ChannelSlot> slots = new ArrayList<>();
    private volatile boolean stopRequested;
    private volatile boolean stopping;
    private ScheduledThreadPoolExecutor readers;
    private ScheduledThreadPoolExecutor checkpointer;
    private SplitEnumerator enumerator;
    private CheckpointCommitter committer;

    Pipeline(Job job, SyncOptions options, SyncMetrics metrics, BooleanSupplier leaseHeld, LongSupplier clock) {
        this.job = job;
        this.options = options;
        this.metrics = metrics;
        this.leaseHeld = leaseHeld;
        this.clock = clock;
    }

    /** Graceful stop: no more reads, everything read is written and checkpointed. */
    void requestStop() {
        stopRequested = true;
        events.add(() -> { });
    }

    @Override
    public boolean stopping() {
        return stopping;
    }

    @Override
    public void fail(Throwable t) {
        if (failure.compareAndSet(null, t)) {
            events.add(() -> { });
        }
    }

    @Override
    public void readToEnd(String splitId) {
        // Nothing to do until its final position is committed and written (CheckpointCommitter → finished).
    }

    Outcome run() {
        try {
            start();
        } catch (Throwable t) {
            shutdown(false, true);
            return new Outcome(Ending.FAILED, t);
        }
        Ending ending = loop();
        boolean graceful = ending == Ending.STOPPED || ending == Ending.FINISHED;
        shutdown(graceful, ending != Ending.LEASE_LOST);
        Throwable error = failure.get();
        if (error != null && ending != Ending.LEASE_LOST) {
            return new Outcome(Ending.FAILED, error);
        }
        return new Outcome(ending, null);
    }

    private void start() {
        Map<String, SplitCheckpoint> restored = job.source().checkpoints().load();
        metrics.pipelineStarted(restored);
        enumerator = job.source().enumerator(restored);
        enumerator.discover();
        saveStartStates(restored);
        committer = new CheckpointCommitter(job.source().checkpoints(), restored, metrics, clock,
                id -> events.add(new SplitFinished(this, id)));
        readers = daemonPool(Math.max(1, job.source().readerThreads()), threadPrefix() + "-reader");
        checkpointer = daemonPool(1, threadPrefix() + "-checkpoint");
        long every = options.checkpointInterval().toNanos();
        checkpointer.scheduleWithFixedDelay(this::flushCheckpoints, every, every, TimeUnit.NANOSECONDS);
        startSlots();
    }

    /** Splits without a stored checkpoint get one at their start, so a restart starts them at the same place. */
    private void saveStartStates(Map<String, SplitCheckpoint> restored) {
        long now = clock.getAsLong();
        Map<String, SplitStatus> statuses = enumerator.statuses();
        List<SplitCheckpoint> fresh = new ArrayList<>();
        for (SourceSplit s : enumerator.snapshot()) {
            if (!restored.containsKey(s.id())) {
                fresh.add(new SplitCheckpoint(s.id(), s.state(), statuses.get(s.id()) == SplitStatus.FINISHED, -1, now, 0));
            }
        }
        if (!fresh.isEmpty()) {
            job.source().checkpoints().save(fresh);
        }
    }

    private void startSlots() {
        Configuration root = job.root();
        int capacity = root.getInt("core.transport.channel.capacity", 512);
        long byteCapacity = root.getLong("core.transport.channel.byteCapacity", 64L * 1024 * 1024);
        int bufferSize = root.getInt("core.transport.exchanger.bufferSize", 32);
        long byteSpeed = root.getLong("core.transport.channel.speed.byte", -1);
        long recordSpeed = root.getLong("core.transport.channel.speed.record", -1);
        long flowInterval = root.getLong("core.transport.channel.flowControlInterval", 20);
        for (int i = 0; i < job.writerConfs().size(); i++) {
            TaskCounters c = new TaskCounters();
            TaskCollector readerCollector = new TaskCollector(DirtyRecordSink.Side.reader, c, job.dirtySink(),
                    job.dirtyListener());
            TaskCollector writerCollector = new TaskCollector(DirtyRecordSink.Side.writer, c, job.dirtySink(),
                    job.dirtyListener());
            Writer.Task writer = job.writerPlugin().createTask();
            writer.setPluginJobConf(job.writerConfs().get(i).withPrefix("job.content[0].writer.parameter"));
            writer.setPeerPluginJobConf(job.readerParameter());
            writer.setPeerPluginName(job.readerName());
            writer.bindTask(i, new DirtyCounting(writerCollector, metrics), () -> stopping);
            Channel channel = new Channel(capacity, byteCapacity, new Throttle(byteSpeed, recordSpeed, flowInterval), c);
            ChannelSlot slot = new ChannelSlot(i, c, channel, bufferSize, job.transformers(), writer,
                    new DirtyCounting(readerCollector, metrics), this::acknowledged, leaseHeld, this::fail);
            slot.acks().onCommitted(p -> {
                committer.committed(p);
                if (committer.hasFinishing()) {
                    checkpointer.execute(this::flushCheckpoints);
                }
            });
            slots.add(slot);
            slot.start(threadPrefix() + "-writer-" + i);
        }
    }

    private void acknowledged(Record r) {
        metrics.count(SyncMetrics.Stage.ACKNOWLEDGED, r);
        if (r.getPosition() instanceof SplitPosition p) {
            committer.acknowledged(p.partition());
            metrics.split(p.partition()).acknowledged(p.eventTimeMillis());
        }
    }

    private Ending loop() {
        long nextDiscovery = System.nanoTime() + options.discoveryInterval().toNanos();
        try {
            while (true) {
                assignSplits();
                if (failure.get() != null) {
                    return Ending.FAILED;
                }
                if (stopRequested) {
                    return Ending.STOPPED;
                }
                if (!leaseHeld.getAsBoolean()) {
                    return Ending.LEASE_LOST;
                }
                if (job.source().bounded() && allFinished()) {
                    LOG.info("every split reached the job's end: the bounded run is complete");
                    return Ending.FINISHED;
                }
                long wait = Math.min(MAX_LOOP_WAIT_NANOS, Math.max(0, nextDiscovery - System.nanoTime()));
                Runnable event = events.poll(wait, TimeUnit.NANOSECONDS);
                boolean discoverNow = false;
                while (event != null) {
                    event.run();
                    discoverNow |= event instanceof SplitFinished;
                    event = events.poll();
                }
                if (discoverNow || System.nanoTime() >= nextDiscovery) {
                    enumerator.discover();
                    nextDiscovery = System.nanoTime() + options.discoveryInterval().toNanos();
                }
                publishStatuses();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
            return Ending.STOPPED;
        } catch (Throwable t) {
            fail(t);
            return Ending.FAILED;
        }
    }

    private final AtomicInteger nextReaderId = new AtomicInteger();

    private void assignSplits() {
        for (SourceSplit split : enumerator.takeAssignable()) {
            ChannelSlot slot = slots.get(Math.floorMod(split.id().hashCode(), slots.size()));
            SplitTask task = new SplitTask(job.source().reader(split, new DirtyCounting(readerCollector(slot), metrics)),
                    slot, committer, metrics, new Backoff(options.idleBackoffMin(), options.idleBackoffMax()), readers, this);
            metrics.split(split.id()).status(SplitStatus.READING);
            LOG.info("reading split {} (#{}) from {} into channel {}", split.id(), nextReaderId.incrementAndGet(),
                    job.source().describeStart(split), slot.index);
            task.start();
        }
    }

    private TaskCollector readerCollector(ChannelSlot slot) {
        return new TaskCollector(DirtyRecordSink.Side.reader, slot.counters, job.dirtySink(), job.dirtyListener());
    }

    /** Marks a split finished in the enumerator; the loop then discovers and assigns its children. */
    private record SplitFinished(Pipeline p, String id) implements Runnable {
        @Override
        public void run() {
            p.enumerator.finished(id);
            p.metrics.split(id).status(SplitStatus.FINISHED);
            LOG.info("split {} finished: everything read from it is written and checkpointed", id);
        }
    }

    private boolean allFinished() {
        Map<String, SplitStatus> s = enumerator.statuses();
        return !s.isEmpty() && s.values().stream().allMatch(st -> st == SplitStatus.FINISHED);
    }

    private void publishStatuses() {
        enumerator.statuses().forEach((id, st) -> metrics.split(id).status(st));
    }

    private void flushCheckpoints() {
        if (!leaseHeld.getAsBoolean()) {
            return; // another process owns the job now: its checkpoints are the ones that count
        }
        try {
            committer.flush();
        } catch (Throwable t) {
            fail(t);
        }
    }

    /**
     * Graceful: readers stop, channels close, writers drain and flush, then the last checkpoints are
     * written — all within the shutdown timeout; what does not make it stays unacknowledged and is read
     * again by the next run. Not graceful: everything is aborted at once.
     */
    private void shutdown(boolean graceful, boolean saveCheckpoints) {
        stopping = true;
        long deadline = System.nanoTime() + options.shutdownTimeout().toNanos();
        try {
            if (readers != null) {
                readers.shutdown();
                readers.awaitTermination(Math.max(0, (deadline - System.nanoTime()) / 2), TimeUnit.NANOSECONDS);
            }
            if (graceful && failure.get() == null) {
                for (ChannelSlot s : slots) {
                    s.close();
                }
                for (ChannelSlot s : slots) {
                    if (!s.awaitDone(deadline - System.nanoTime())) {
                        LOG.warn("channel {} was not written completely within {} s; its unacknowledged records are read"
                                + " again by the next run", s.index, options.shutdownTimeout().toSeconds());
                    }
                }
            }
            for (ChannelSlot s : slots) {
                s.abort();
            }
            for (ChannelSlot s : slots) {
                s.awaitDone(TimeUnit.SECONDS.toNanos(2));
            }
            if (checkpointer != null) {
                checkpointer.shutdown();
                checkpointer.awaitTermination(2, TimeUnit.SECONDS);
            }
            if (saveCheckpoints && committer != null) {
                committer.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (failure.get() == null) {
                fail(e);
            }
            LOG.warn("the last checkpoints could not be written: {} (the next run reads the last written ones again)",
                    e.getMessage());
        } finally {
            if (readers != null) {
                readers.shutdownNow();
            }
        }
    }

    /**
     * "sync", or "sync-JOB" when the process runs several jobs (the runner puts the job's name in the log
     * context): every log line of a reader, writer or checkpoint thread then says which job it is about.
     */
    private static String threadPrefix() {
        String name = org.slf4j.MDC.get("job");
        return name == null ? "sync" : "sync-" + name;
    }

    private static ScheduledThreadPoolExecutor daemonPool(int threads, String name) {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }
}
