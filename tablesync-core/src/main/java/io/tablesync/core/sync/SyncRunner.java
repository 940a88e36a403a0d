package io.tablesync.core.sync;

import io.tablesync.core.FrameworkErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.engine.DirtyRecordSink;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.ErrorLimit;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.metrics.EndpointState;
import io.tablesync.core.source.SnapshotProgress;
import io.tablesync.core.source.StreamingSource;
import io.tablesync.core.stats.JobSnapshot;
import java.net.InetAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tablesync sync}: runs a job's reader and writer continuously. The job file is checked
 * completely first (a configuration error exits 1 at once); then the process becomes the job's
 * active writer (or waits as a standby, {@link LeaseKeeper}) and runs {@link Pipeline}s — a new one,
 * from the committed checkpoints, after each transient failure (an unreachable endpoint, an
 * overloaded server), with growing pauses and one log line per change of state. A stop request
 * ends the run gracefully with exit code 0.
 */
public final class SyncRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

    private final Engine.Options engineOptions;
    private final SyncOptions options;
    private final PluginRegistry registry;
    private final SyncMetrics metrics = new SyncMetrics();
    private final Object monitor = new Object();
    private final String name;
    private volatile boolean stopRequested;
    private volatile Pipeline pipeline;
    private volatile String failure;

    public SyncRunner(Engine.Options engineOptions, SyncOptions options, PluginRegistry registry) {
        this(engineOptions, options, registry, null);
    }

    /**
     * @param name the job's name when one process runs several jobs: it names the runner's thread, goes into
     *             the log context (MDC {@code job}) and into the failure message; null for a process of one job
     */
    public SyncRunner(Engine.Options engineOptions, SyncOptions options, PluginRegistry registry, String name) {
        this.engineOptions = engineOptions;
        this.options = options;
        this.registry = registry;
        this.name = name;
    }

    /** Why the run ended with exit code 1 (secrets scrubbed when logged), or null while it runs or when it did not fail. */
    public String failure() {
        return failure;
    }

    public SyncMetrics metrics() {
        return metrics;
    }

    /** Graceful stop (SIGTERM): reading stops, what was read is written and checkpointed. */
    public void requestStop() {
        stopRequested = true;
        Pipeline p = pipeline;
        if (p != null) {
            p.requestStop();
        }
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** Runs until stopped (0), a bounded job is complete (0), or a failure that waiting cannot heal (1). */
    public int run() {
        Thread.currentThread().setName("sync-" + (name != null ? name : String.valueOf(engineOptions.jobId())));
        if (name != null) {
            org.slf4j.MDC.put("job", name);
        }
        SyncJob job = null;
        StreamingSource source = null;
        DirtyRecordSink dirtySink = null;
        ScheduledExecutorService timers = null;
        TerminalLine bar = null;
        try {
            job = SyncJob.load(engineOptions, registry);
            SyncJob j = job;
            // The writer's parameters were checked on load; the reader's are when its source opens (which
            // only reads): nothing (status table, index) is created before both are known to be right.
            source = untilReachable("connecting to the source", metrics.source(), () -> j.openSource(options.streaming()));
            if (source == null) {
                return 0;
            }
            StreamingSource src = source;
            metrics.retentionMillis(src.retentionMillis());
            if (untilReachable("preparing the source", metrics.source(), () -> { src.prepare(); return true; }) == null) {
                return 0;
            }
            if (untilReachable("preparing the writer", null, () -> {
                j.writerJob.init();
                j.writerJob.prepare();
                return true;
            }) == null) {
                return 0;
            }
            List<Configuration> writerConfs = job.writerJob.split(job.channels);
            LOG.info("sync: {} -> {} over {} channel(s)", source.describe(), job.writerName, writerConfs.size());

            dirtySink = new DirtyRecordSink(job.prepared.context().dirtyRecordFile(),
                    job.root.getInt("core.statistics.collector.plugin.maxDirtyNumber", 10), job.prepared.context().secrets());
            DirtyRecordSink sink = dirtySink;
            ErrorLimit errorLimit = job.errorLimit;
            Pipeline.Job pipelineJob = new Pipeline.Job(source, job.writerPlugin, job.writerName, job.readerName, writerConfs,
                    job.readerParameter, job.root, job.transformers, dirtySink, () -> {
                        try {
                            errorLimit.checkRecords(sink.count());
                        } catch (TablesyncException e) {
                            Pipeline p = pipeline;
                            if (p != null) {
                                p.fail(e);
                            }
                        }
                    });
            LeaseKeeper lease = newLease(source, options);
            timers = SyncJob.timers(name == null ? "sync-timers" : "sync-" + name + "-timers");
            StatusLine status = new StatusLine(metrics, System::currentTimeMillis);
            long statusEvery = options.statusInterval().toMillis();
            timers.scheduleAtFixedRate(() -> {
                status.log();
                checkPercentage(errorLimit, sink);
            }, statusEvery, statusEvery, TimeUnit.MILLISECONDS);
            long renewEvery = lease.renewInterval().toMillis();
            timers.scheduleAtFixedRate(lease::renew, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
            bar = watchCopy(source.snapshot(), timers, statusEvery);

            boolean finished = supervise(pipelineJob, lease);
            metrics.phase(SyncMetrics.Phase.STOPPED, "stopping", System.currentTimeMillis());
            lease.release();
            status.log();
            errorLimit.checkAtEnd(totals(sink));
            if (finished) {
                job.writerJob.post();
            }
            LOG.info("sync {}: exit code 0", finished ? "finished the bounded job" : "stopped on request");
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Throwable t) {
            failure = t instanceof TablesyncException te && te.isUserError() ? te.detail() : String.valueOf(t);
            return SyncJob.failed(name == null ? "sync" : "sync of job " + name, t);
        } finally {
            if (timers != null) {
                timers.shutdownNow();
            }
            if (bar != null) {
                bar.close();
            }
            if (source != null) {
                source.close();
            }
            if (job != null) {
                job.close();
            }
            if (dirtySink != null) {
                dirtySink.close();
                if (dirtySink.writtenFile() != null) {
                    LOG.warn("dirty records were written to {}", dirtySink.writtenFile());
                }
            }
        }
    }

    /**
     * Shows the table copy's progress until it is complete — a bar on a terminal, else a line every status interval
     * (at most 10 s) — and checks it against the stream's retention; a refusal fails the running pipeline (exit 1).
     * Returns the terminal line to close, or null.
     */
    private TerminalLine watchCopy(SnapshotProgress copy, ScheduledExecutorService timers, long statusEveryMillis) {
        if (copy == null) {
            return null;
        }
        SnapshotWatch watch = new SnapshotWatch(copy, metrics, System::currentTimeMillis, options.copy().retentionCheck(),
                options.copy().warmup(), e -> {
                    Pipeline p = pipeline;
                    if (p != null) {
                        p.fail(e);
                    }
                });
        watch.started();
        TerminalLine line = options.copy().progressBar() && TerminalLine.available() ? new TerminalLine() : null;
        long every = line != null ? 500 : Math.min(statusEveryMillis, 10_000);
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledFuture<?>> task =
                new java.util.concurrent.atomic.AtomicReference<>();
        task.set(timers.scheduleAtFixedRate(() -> {
            try {
                CopyStatus s = watch.tick();
                long now = System.currentTimeMillis();
                if (line != null && !watch.done()) {
                    line.show(CopyDisplay.bar(s, now, TerminalLine.width()));
                } else {
                    if (line != null) {
                        line.close();
                    }
                    LOG.info(CopyDisplay.line(s, now));
                }
                java.util.concurrent.ScheduledFuture<?> self = task.get();
                if (watch.done() && self != null) {
                    self.cancel(false);
                }
            } catch (RuntimeException e) {
                LOG.warn("snapshot: progress could not be computed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS));
        return line;
    }

    /** Holds the lease and runs pipelines until stopped or finished; true when a bounded job finished. */
    private boolean supervise(Pipeline.Job job, LeaseKeeper lease) throws InterruptedException {
        Backoff backoff = new Backoff(java.time.Duration.ofSeconds(1), options.restartBackoffMax());
        String degraded = null;
        while (!stopRequested) {
            metrics.phase(SyncMetrics.Phase.STANDBY, "waiting for the job's lease (another process may hold it)",
                    System.currentTimeMillis());
            if (!lease.acquire(() -> stopRequested)) {
                return false;
            }
            while (!stopRequested) {
                metrics.phase(SyncMetrics.Phase.ACTIVE, "the active writer", System.currentTimeMillis());
                Pipeline p = new Pipeline(job, options, metrics, lease::isHeld, System::currentTimeMillis);
                pipeline = p;
                if (stopRequested) {
                    p.requestStop();
                }
                long startedNanos = System.nanoTime();
                Pipeline.Outcome outcome = p.run();
                pipeline = null;
                switch (outcome.ending()) {
                    case STOPPED:
                        return false;
                    case FINISHED:
                        return true;
                    case LEASE_LOST:
                        LOG.warn("this process no longer holds the job's lease: it stopped writing and waits as a standby");
                        break;
                    default:
                        Throwable error = outcome.error();
                        if (!TablesyncException.isTransient(error)) {
                            throw error instanceof RuntimeException re ? re
                                    : TablesyncException.internal(FrameworkErrorCode.RUNTIME_ERROR, String.valueOf(error), error);
                        }
                        if (System.nanoTime() - startedNanos > TimeUnit.MINUTES.toNanos(1)) {
                            backoff.reset(); // it ran well for a while: this is a new outage
                        }
                        long pause = backoff.nextNanos();
                        String what = error.getMessage();
                        if (!what.equals(degraded)) {
                            LOG.warn("sync: {}; starting over from the last checkpoints (retrying with pauses up to {} s, logged"
                                    + " again only when the error changes)", what, options.restartBackoffMax().toSeconds());
                            degraded = what;
                        } else {
                            LOG.debug("sync: still failing: {}", what);
                        }
                        metrics.restarted();
                        metrics.phase(SyncMetrics.Phase.ACTIVE, "starting over from the last checkpoints after: " + what,
                                System.currentTimeMillis());
                        pause(pause);
                        continue;
                }
                break; // lease lost: back to acquiring it
            }
        }
        return false;
    }

    /**
     * Runs {@code step} until it succeeds, retrying transient failures with pauses; null when stopped first.
     * Failures are recorded against {@code end} (the source's state; null for the writer, whose requests
     * report themselves).
     */
    private <T> T untilReachable(String what, EndpointState end, Supplier<T> step) throws InterruptedException {
        metrics.phase(SyncMetrics.Phase.STARTING, what, System.currentTimeMillis());
        Backoff backoff = new Backoff(java.time.Duration.ofSeconds(1), options.restartBackoffMax());
        String last = null;
        while (!stopRequested) {
            try {
                T result = step.get();
                if (end != null) {
                    end.ok(System.currentTimeMillis());
                }
                if (last != null) {
                    LOG.info("sync: {} succeeded", what);
                }
                return result;
            } catch (TablesyncException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                if (end != null) {
                    end.failed(System.currentTimeMillis(), e.getMessage());
                }
                metrics.phase(SyncMetrics.Phase.STARTING, what + " failed: " + e.getMessage() + "; retrying",
                        System.currentTimeMillis());
                if (!e.getMessage().equals(last)) {
                    LOG.warn("sync: {} failed: {}; retrying (logged again only when the error changes)", what, e.getMessage());
                    last = e.getMessage();
                }
                pause(backoff.nextNanos());
            }
        }
        return null;
    }

    private void pause(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        synchronized (monitor) {
            while (!stopRequested) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                monitor.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private void checkPercentage(ErrorLimit limit, DirtyRecordSink dirty) {
        try {
            limit.checkAtEnd(totals(dirty));
        } catch (TablesyncException e) {
            Pipeline p = pipeline;
            if (p != null) {
                p.fail(e);
            }
        }
    }

    /** The process's totals in DataX's terms, for errorLimit: records read, and dirty records of both sides. */
    private JobSnapshot totals(DirtyRecordSink dirty) {
        return new JobSnapshot(metrics.records(SyncMetrics.Stage.READ), 0, 0, 0, 0, 0, dirty.count(), 0, 0, 0, java.util.Map.of());
    }

    /** The job's lease for this process; a holder that was a process of this machine and no longer runs is taken over at once. */
    static LeaseKeeper newLease(StreamingSource source, SyncOptions options) {
        return new LeaseKeeper(source.leases(), ownerId(), options.leaseTimeout(), System::nanoTime, SyncRunner::deadLocalProcess);
    }

    /** Owners are host:pid:nonce. PIDs can be reused, which only makes this say "alive" wrongly: then the timeout applies. */
    static boolean deadLocalProcess(String owner) {
        String[] parts = owner.split(":");
        if (parts.length != 3 || !parts[0].equals(hostName())) {
            return false;
        }
        try {
            long pid = Long.parseLong(parts[1]);
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }

    static String ownerId() {
        return hostName() + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }
}
