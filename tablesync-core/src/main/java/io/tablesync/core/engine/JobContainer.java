package io.tablesync.core.engine;

import io.tablesync.core.FrameworkErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.config.ParameterChecker;
import io.tablesync.core.metrics.SinkTelemetry;
import io.tablesync.core.spi.AbstractPlugin;
import io.tablesync.core.spi.Reader;
import io.tablesync.core.spi.ReaderPlugin;
import io.tablesync.core.spi.Writer;
import io.tablesync.core.spi.WriterPlugin;
import io.tablesync.core.stats.JobSnapshot;
import io.tablesync.core.stats.TaskCounters;
import io.tablesync.core.transport.Channel;
import io.tablesync.core.transport.Throttle;
import io.tablesync.core.transformer.TransformerChain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job through DataX's phases: init, prepare, split, schedule, post, and destroy always
 * (research §2.2). Unlike DataX it does not poll every 10 s: it wakes on the event that matters
 * (last task finished, a task failed, the dirty limit was crossed, a stop was requested).
 */
public final class JobContainer {
    private static final Logger LOG = LoggerFactory.getLogger(JobContainer.class);
    private static final long ABORT_WAIT_SECONDS = 10;

    private final Configuration root;
    private final PluginRegistry registry;
    private final EngineContext context;
    private final ErrorLimit errorLimit;
    private final DirtyRecordSink dirtySink;
    private final List<TaskCounters> allCounters = new ArrayList<>();
    private final List<TaskExecution> running = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile long stopRequestedAtMillis;
    private volatile Thread jobThread;
    /** True once tasks may run (records may be in flight); before that a stop interrupts the job thread. */
    private volatile boolean scheduling;
    private final Object monitor = new Object();
    private volatile SinkTelemetry telemetry = SinkTelemetry.NONE;
    private int tasksTotal;
    private int tasksFinished;
    private long startMillis;
    private long scheduleStartNanos;
    private long scheduleEndNanos;

    public JobContainer(Configuration root, PluginRegistry registry, EngineContext context) {
        this.root = root;
        this.registry = registry;
        this.context = context;
        this.errorLimit = ErrorLimit.from(root);
        this.dirtySink = new DirtyRecordSink(context.dirtyRecordFile(),
                root.getInt("core.statistics.collector.plugin.maxDirtyNumber", 10), context.secrets());
    }

    /**
     * Graceful stop (SIGTERM). While tasks run: readers stop, in-flight records are written and
     * acknowledged. Before that (validate, init, prepare, split) nothing is in flight: the job
     * thread is interrupted out of whatever it waits for (a connection, a retry pause) and the job
     * ends as STOPPED at once.
     */
    public void requestStop() {
        if (stopRequested.compareAndSet(false, true)) {
            stopRequestedAtMillis = System.currentTimeMillis();
            LOG.warn("stop requested: readers stop now, records in flight are written before exit");
            Thread t = jobThread;
            if (t != null && !scheduling) {
                t.interrupt();
            }
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    /**
     * True when stopping now loses nothing: the job has not started its tasks yet, or every task's
     * channel is empty and every record that carries a source position was acknowledged.
     */
    public boolean nothingInFlight() {
        if (!scheduling) {
            return true;
        }
        synchronized (monitor) {
            return running.stream().allMatch(TaskExecution::nothingInFlight);
        }
    }

    /** Thrown between phases once a stop was requested: the job ends as STOPPED, not FAILED. */
    private static final class Stopped extends RuntimeException {
        Stopped(String phase) {
            super("stopped on request before " + phase, null, false, false);
        }
    }

    private void checkStop(String nextPhase) {
        if (stopRequested.get()) {
            throw new Stopped(nextPhase);
        }
    }

    public JobOutcome run() {
        startMillis = System.currentTimeMillis();
        jobThread = Thread.currentThread();
        Reader.Job readerJob = null;
        Writer.Job writerJob = null;
        ProgressReporter reporter = null;
        JobOutcome.Status status;
        Throwable error = null;
        try {
            String readerName = root.getNecessaryString("job.content[0].reader.name");
            String writerName = root.getNecessaryString("job.content[0].writer.name");
            registry.requireBoth(readerName, writerName);
            ReaderPlugin readerPlugin = registry.reader(readerName);
            WriterPlugin writerPlugin = registry.writer(writerName);
            Configuration readerParam = parameter("reader");
            Configuration writerParam = parameter("writer");
            ParameterChecker.unknownKeyWarnings(readerParam, readerPlugin.parameterKeys()).forEach(LOG::warn);
            ParameterChecker.unknownKeyWarnings(writerParam, writerPlugin.parameterKeys()).forEach(LOG::warn);
            // Everything that can be checked without touching a system is checked before either plugin
            // creates anything: the transformers, the speed settings, and both plugins' parameters.
            TransformerChain transformers = TransformerChain.fromJob(root);
            int channels = ChannelPlanner.channels(root);

            readerJob = readerPlugin.createJob();
            writerJob = writerPlugin.createJob();
            configure(readerJob, readerParam, writerParam, writerName);
            configure(writerJob, writerParam, readerParam, readerName);
            readerJob.validate();
            writerJob.validate();
            if (root.getBool("job.setting.dryRun", false)) {
                LOG.info("job.setting.dryRun is true: the configuration is valid; nothing was read or written");
                status = JobOutcome.Status.SUCCEEDED;
                return finish(status, null, readerJob, writerJob, null);
            }

            checkStop("init");
            LOG.info("DataX Reader.Job [{}] do init work .", readerName);
            readerJob.init();
            checkStop("init");
            LOG.info("DataX Writer.Job [{}] do init work .", writerName);
            writerJob.init();
            checkStop("prepare");
            LOG.info("DataX Reader.Job [{}] do prepare work .", readerName);
            readerJob.prepare();
            checkStop("prepare");
            LOG.info("DataX Writer.Job [{}] do prepare work .", writerName);
            writerJob.prepare();
            checkStop("split");

            List<Configuration> readerConfs = readerJob.split(channels);
            if (readerConfs == null || readerConfs.isEmpty()) {
                throw TablesyncException.userError(FrameworkErrorCode.PLUGIN_SPLIT_ERROR,
                        "reader切分的task数目不能小于等于0");
            }
            List<Configuration> writerConfs = writerJob.split(readerConfs.size());
            if (writerConfs == null || writerConfs.size() != readerConfs.size()) {
                throw TablesyncException.userError(FrameworkErrorCode.PLUGIN_SPLIT_ERROR,
                        "reader和writer切分的task数目不相等: reader " + readerConfs.size() + ", writer "
                                + (writerConfs == null ? 0 : writerConfs.size()));
            }
            channels = Math.min(channels, readerConfs.size());
            LOG.info("Job set Channel-Number to {} channels, {} tasks.", channels, readerConfs.size());
            checkStop("schedule");

            reporter = new ProgressReporter(this::snapshot, this::fractionDone,
                    root.getLong("core.container.job.reportInterval", 10000));
            reporter.start();
            synchronized (monitor) {
                scheduling = true;
            }
            Thread.interrupted(); // a stop that raced the switch above is seen through stopRequested
            schedule(readerPlugin, writerPlugin, readerConfs, writerConfs, channels, readerName, writerName, transformers);
            errorLimit.checkAtEnd(snapshot());
            if (stopRequested.get()) {
                status = JobOutcome.Status.STOPPED;
            } else {
                LOG.info("DataX Writer.Job [{}] do post work.", writerName);
                writerJob.post();
                LOG.info("DataX Reader.Job [{}] do post work.", readerName);
                readerJob.post();
                status = JobOutcome.Status.SUCCEEDED;
            }
        } catch (Throwable t) {
            if (stopRequested.get() && !scheduling) {
                // interrupted out of init/prepare by the stop request: not a failure
                Thread.interrupted();
                LOG.warn("stopped on request before any record was read ({})", t instanceof Stopped ? t.getMessage()
                        : "interrupted: " + t.getMessage());
                status = JobOutcome.Status.STOPPED;
            } else {
                error = t;
                status = JobOutcome.Status.FAILED;
                if (t instanceof TablesyncException && ((TablesyncException) t).isUserError()) {
                    LOG.error("Exception when job run: {}", t.getMessage());
                } else {
                    LOG.error("Exception when job run", t);
                }
            }
        }
        return finish(status, error, readerJob, writerJob, reporter);
    }

    private JobOutcome finish(JobOutcome.Status status, Throwable error, Reader.Job readerJob, Writer.Job writerJob,
            ProgressReporter reporter) {
        if (reporter != null) {
            reporter.close();
        }
        Thread.interrupted(); // destroy must be able to talk to the systems it closes
        destroy(writerJob, "Writer");
        destroy(readerJob, "Reader");
        dirtySink.close();
        long endMillis = System.currentTimeMillis();
        if (scheduleEndNanos == 0) {
            scheduleEndNanos = System.nanoTime();
        }
        JobSnapshot finalSnapshot = snapshot();
        long secs = transferSeconds();
        ProgressReporter.logLine(finalSnapshot, finalSnapshot.readSucceedBytes() / secs,
                finalSnapshot.readSucceedRecords() / secs, fractionDone());
        if (status == JobOutcome.Status.SUCCEEDED) {
            LOG.info(Formats.summary(startMillis, endMillis, transferSeconds(), finalSnapshot,
                    TimeZone.getTimeZone(context.timeZone().toZoneId()), extraSummaryLines(finalSnapshot)));
            String transformerLines = Formats.transformerSummary(finalSnapshot.transformer());
            if (transformerLines != null) {
                LOG.info(transformerLines);
            }
        }
        return new JobOutcome(status, error, finalSnapshot, dirtySink.writtenFile());
    }

    private Map<String, String> extraSummaryLines(JobSnapshot s) {
        Map<String, String> lines = new LinkedHashMap<>();
        s.named().forEach((label, value) -> {
            if (value != 0) {
                lines.put(label, String.valueOf(value));
            }
        });
        Path dirty = dirtySink.writtenFile();
        if (dirty != null) {
            lines.put("脏数据记录文件", dirty.toString());
        }
        return lines;
    }

    private long transferSeconds() {
        if (scheduleStartNanos == 0) {
            return 1;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(scheduleEndNanos - scheduleStartNanos));
    }

    private Configuration parameter(String side) {
        String path = "job.content[0]." + side + ".parameter";
        Configuration p = root.getConfiguration(path);
        return p == null ? Configuration.empty().withPrefix(path) : p;
    }

    private static void configure(AbstractPlugin plugin, Configuration own, Configuration peer, String peerName) {
        plugin.setPluginJobConf(own);
        plugin.setPeerPluginJobConf(peer);
        plugin.setPeerPluginName(peerName);
    }

    private void schedule(ReaderPlugin readerPlugin, WriterPlugin writerPlugin, List<Configuration> readerConfs,
            List<Configuration> writerConfs, int channels, String readerName, String writerName,
            TransformerChain transformers) throws InterruptedException {
        int capacity = root.getInt("core.transport.channel.capacity", 512);
        long byteCapacity = root.getLong("core.transport.channel.byteCapacity", 64L * 1024 * 1024);
        int bufferSize = root.getInt("core.transport.exchanger.bufferSize", 32);
        long byteSpeed = root.getLong("core.transport.channel.speed.byte", -1);
        long recordSpeed = root.getLong("core.transport.channel.speed.record", -1);
        long flowInterval = root.getLong("core.transport.channel.flowControlInterval", 20);
        tasksTotal = readerConfs.size();
        scheduleStartNanos = System.nanoTime();
        try {
            for (int i = 0; i < readerConfs.size(); i++) {
                synchronized (monitor) {
                    while (running.size() >= channels && failure.get() == null && !stopRequested.get()) {
                        monitor.wait();
                    }
                    if (failure.get() != null || stopRequested.get()) {
                        break;
                    }
                }
                TaskCounters counters = new TaskCounters();
                counters.countsOperations = telemetry != SinkTelemetry.NONE; // metrics are served
                TaskCollector readerCollector = new TaskCollector(DirtyRecordSink.Side.reader, counters, dirtySink,
                        this::dirtyRecordCollected);
                TaskCollector writerCollector = new TaskCollector(DirtyRecordSink.Side.writer, counters, dirtySink,
                        this::dirtyRecordCollected, telemetry);
                Reader.Task reader = readerPlugin.createTask();
                Writer.Task writer = writerPlugin.createTask();
                configure(reader, readerConfs.get(i).withPrefix("job.content[0].reader.parameter"),
                        writerConfs.get(i), writerName);
                configure(writer, writerConfs.get(i).withPrefix("job.content[0].writer.parameter"),
                        readerConfs.get(i), readerName);
                reader.bindTask(i, readerCollector, stopRequested::get);
                writer.bindTask(i, writerCollector, stopRequested::get);
                Channel channel = new Channel(capacity, byteCapacity,
                        new Throttle(byteSpeed, recordSpeed, flowInterval), counters);
                TaskExecution task = new TaskExecution(i, context.jobId() + "-0-" + i, counters, channel, bufferSize,
                        reader, writer, readerCollector, transformers, this::taskFinished);
                synchronized (monitor) {
                    allCounters.add(counters);
                    running.add(task);
                }
                task.start();
            }
            long graceMillis = root.getLong("core.container.job.stopGraceMillis", 60_000);
            boolean graceExpired = false;
            synchronized (monitor) {
                while (!running.isEmpty() && failure.get() == null) {
                    if (stopRequested.get()) {
                        long left = stopRequestedAtMillis + graceMillis - System.currentTimeMillis();
                        if (left <= 0) {
                            graceExpired = true;
                            break;
                        }
                        monitor.wait(Math.min(left, 1000));
                    } else {
                        monitor.wait();
                    }
                }
            }
            if (graceExpired) {
                // A reader that ignores the stop request must not keep the process alive forever (a scheduler's
                // SIGTERM has no second signal). What is unacknowledged is simply read again by the next run.
                LOG.warn("tasks did not stop within core.container.job.stopGraceMillis = {} ms; aborting them", graceMillis);
                abortRunning();
            }
        } finally {
            if (failure.get() != null) {
                abortRunning();
            }
            scheduleEndNanos = System.nanoTime();
        }
        Throwable t = failure.get();
        if (t != null) {
            throw asRuntime(t);
        }
    }

    private static RuntimeException asRuntime(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return TablesyncException.internal(FrameworkErrorCode.RUNTIME_ERROR, t.toString(), t);
    }

    private void abortRunning() throws InterruptedException {
        List<TaskExecution> tasks;
        synchronized (monitor) {
            tasks = new ArrayList<>(running);
        }
        tasks.forEach(TaskExecution::abort);
        for (TaskExecution t : tasks) {
            if (!t.awaitDone(ABORT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("task {} did not stop within {} s after the job was aborted", t.taskId, ABORT_WAIT_SECONDS);
            }
        }
    }

    private void taskFinished(TaskExecution task, Throwable error) {
        synchronized (monitor) {
            running.remove(task);
            if (error == null) {
                tasksFinished++;
            } else {
                failure.compareAndSet(null, error);
            }
            monitor.notifyAll();
        }
    }

    /** Called on the plugin's thread for every dirty record: the record limit is checked at once. */
    private void dirtyRecordCollected() {
        try {
            errorLimit.checkRecords(dirtySink.count());
        } catch (TablesyncException e) {
            synchronized (monitor) {
                if (failure.compareAndSet(null, e)) {
                    new ArrayList<>(running).forEach(TaskExecution::abort);
                }
                monitor.notifyAll();
            }
        }
    }

    /** Where the writer tasks record their requests (set before {@link #run()}; nothing is recorded by default). */
    public void telemetry(SinkTelemetry t) {
        telemetry = t;
    }

    /** Every task's counters so far (the metrics port reads them while the job runs). */
    public List<TaskCounters> counters() {
        synchronized (monitor) {
            return new ArrayList<>(allCounters);
        }
    }

    private JobSnapshot snapshot() {
        synchronized (monitor) {
            return JobSnapshot.of(new ArrayList<>(allCounters));
        }
    }

    private double fractionDone() {
        synchronized (monitor) {
            return tasksTotal == 0 ? 0 : (double) tasksFinished / tasksTotal;
        }
    }

    private static void destroy(AbstractPlugin plugin, String side) {
        if (plugin == null) {
            return;
        }
        try {
            plugin.destroy();
        } catch (Throwable t) {
            LOG.warn("{}.Job destroy() failed: {}", side, t.toString());
        }
    }
}
