package io.tablesync.core.sync;

import io.tablesync.core.FrameworkErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.EngineContext;
import io.tablesync.core.engine.JobContainer;
import io.tablesync.core.engine.JobOutcome;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.source.StreamingSource;
import io.tablesync.core.source.WindowedSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tablesync sync --every 5m}: the guide's {@code run_datax.py} in-process. Contiguous windows
 * {@code [last, last + interval)}, each run as an ordinary DataX job (same output, status rows and
 * checkpoints as {@code tablesync run} or DataX itself); a window starts once its end lies the
 * source's safety margin in the past (DataX's 5 minutes); the last finished window is kept in the
 * status table, so after downtime the missed windows run one after another — no gap, no overlap.
 * A failed window is run again (DataX's re-run semantics); only one process of a job runs windows
 * at a time (the same lease as {@code sync}).
 */
public final class WindowScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(WindowScheduler.class);

    private final Engine.Options engineOptions;
    private final SyncOptions options;
    private final long intervalMillis;
    private final PluginRegistry registry;
    private final LongSupplier clock;
    private final Object monitor = new Object();
    private volatile boolean stopRequested;
    private volatile JobContainer running;

    public WindowScheduler(Engine.Options engineOptions, SyncOptions options, Duration interval, PluginRegistry registry) {
        this(engineOptions, options, interval, registry, System::currentTimeMillis);
    }

    WindowScheduler(Engine.Options engineOptions, SyncOptions options, Duration interval, PluginRegistry registry,
                    LongSupplier clock) {
        this.engineOptions = engineOptions;
        this.options = options;
        this.intervalMillis = interval.toMillis();
        this.registry = registry;
        this.clock = clock;
    }

    public void requestStop() {
        stopRequested = true;
        JobContainer c = running;
        if (c != null) {
            c.requestStop();
        }
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** Runs windows until stopped (0) or a window fails in a way waiting cannot heal (1). */
    public int run() {
        SyncJob job = null;
        StreamingSource source = null;
        ScheduledThreadPoolExecutor timers = null;
        try {
            job = SyncJob.load(engineOptions, registry);
            source = job.openSource(options.streaming());
            WindowedSource windows = source.windows();
            if (windows == null) {
                throw TablesyncException.userError(FrameworkErrorCode.PLUGIN_INIT_ERROR, "reader " + job.readerName
                        + " cannot run scheduled windows; use `tablesync run` from your own scheduler");
            }
            source.prepare();
            LeaseKeeper lease = SyncRunner.newLease(source, options);
            timers = SyncJob.timers("sync-lease");
            long renewEvery = lease.renewInterval().toMillis();
            timers.scheduleAtFixedRate(() -> {
                if (!lease.renew()) {
                    JobContainer c = running;
                    if (c != null) {
                        c.requestStop();
                    }
                }
            }, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
            while (!stopRequested) {
                if (!lease.acquire(() -> stopRequested)) {
                    break;
                }
                runWindows(job.root, job.prepared.context(), windows, lease);
            }
            lease.release();
            LOG.info("sync --every: stopped on request; exit code 0");
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Throwable t) {
            return SyncJob.failed("sync --every", t);
        } finally {
            if (timers != null) {
                timers.shutdownNow();
            }
            if (source != null) {
                source.close();
            }
            if (job != null) {
                job.close();
            }
        }
    }

    /** Runs due windows while this process holds the lease. */
    private void runWindows(Configuration root, EngineContext context, WindowedSource windows, LeaseKeeper lease)
            throws InterruptedException {
        long last = firstStart(windows);
        Backoff retry = new Backoff(Duration.ofSeconds(1), options.restartBackoffMax());
        while (!stopRequested && lease.isHeld()) {
            long end = last + intervalMillis;
            long runnableAt = end + windows.safetyMarginMillis();
            long now = clock.getAsLong();
            if (now < runnableAt) {
                LOG.info("sync --every: next window [{}, {}) runs at {} (its end plus the {} ms safety margin)", last, end,
                        Instant.ofEpochMilli(runnableAt), windows.safetyMarginMillis());
                sleep(runnableAt - now);
                continue;
            }
            JobOutcome outcome = runWindow(root, context, windows, last, end);
            switch (outcome.status()) {
                case SUCCEEDED -> {
                    windows.windowFinished(end, intervalMillis);
                    last = end;
                    retry.reset();
                }
                case STOPPED -> {
                    return;
                }
                default -> {
                    if (!TablesyncException.isTransient(outcome.error())) {
                        throw outcome.error() instanceof RuntimeException re ? re
                                : TablesyncException.internal(FrameworkErrorCode.RUNTIME_ERROR, String.valueOf(outcome.error()),
                                        outcome.error());
                    }
                    long pause = retry.nextNanos();
                    LOG.warn("sync --every: window [{}, {}) failed: {}; running it again in {} s", last, end,
                            outcome.error().getMessage(), TimeUnit.NANOSECONDS.toSeconds(pause));
                    sleep(TimeUnit.NANOSECONDS.toMillis(pause));
                }
            }
        }
    }

    private JobOutcome runWindow(Configuration root, EngineContext context, WindowedSource windows, long start, long end) {
        Configuration windowRoot = root.copy();
        windows.setWindow(windowRoot.getConfiguration("job.content[0].reader.parameter"), start, end);
        LOG.info("sync --every: window [{}, {}) ({} .. {})", start, end, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end));
        EngineContext windowContext = new EngineContext(context.jobId(), windowDirtyFile(context.dirtyRecordFile(), end),
                context.secrets(), context.timeZone());
        JobContainer c = new JobContainer(windowRoot, registry, windowContext);
        running = c;
        if (stopRequested) {
            c.requestStop();
        }
        try {
            JobOutcome outcome = c.run();
            if (outcome.status() == JobOutcome.Status.FAILED) {
                Engine.reportFailure(outcome.error());
            }
            return outcome;
        } finally {
            running = null;
        }
    }

    /** Where windows start: the last one this job finished, else --from, else DataX's last window, else the job's start, else now. */
    private long firstStart(WindowedSource windows) {
        OptionalLong own = windows.lastWindowEnd();
        if (own.isPresent()) {
            LOG.info("sync --every: continuing after the last finished window, which ended at {}", own.getAsLong());
            return own.getAsLong();
        }
        long now = clock.getAsLong();
        var from = options.streaming().from();
        if (from != null) {
            long start = switch (from.kind()) {
                case EARLIEST -> windows.earliestStart(now);
                case NOW -> now - windows.safetyMarginMillis() - intervalMillis;
                case TIME -> from.millis();
            };
            LOG.info("sync --every: first window starts at {} (--from {})", start, from);
            return start;
        }
        OptionalLong datax = windows.lastDataxWindowEnd();
        if (datax.isPresent()) {
            LOG.info("sync --every: continuing after DataX's last complete window, which ended at {}", datax.getAsLong());
            return datax.getAsLong();
        }
        OptionalLong configured = windows.configuredStart();
        if (configured.isPresent()) {
            LOG.info("sync --every: first window starts at the job's start time {}", configured.getAsLong());
            return configured.getAsLong();
        }
        long start = now - windows.safetyMarginMillis() - intervalMillis;
        LOG.info("sync --every: no earlier window and no start time: the first window is the newest one that may run now,"
                + " starting at {}", start);
        return start;
    }

    private static Path windowDirtyFile(Path base, long end) {
        String name = base.getFileName().toString().replaceAll("\\.jsonl$", "") + "-w" + end + ".jsonl";
        return base.resolveSibling(name);
    }

    private void sleep(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (monitor) {
            while (!stopRequested) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                monitor.wait(Math.min(left, 1000));
            }
        }
    }
}
