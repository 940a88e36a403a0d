package io.tablesync.core.engine;

import io.tablesync.core.FrameworkErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.config.JobConfigLoader;
import io.tablesync.core.config.SecretMasker;
import io.tablesync.core.element.ColumnCast;
import io.tablesync.core.metrics.SinkTelemetry;
import io.tablesync.core.stats.JobSnapshot;
import io.tablesync.core.stats.TaskCounters;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a job file and runs it, printing what DataX prints: the (masked) configuration, progress
 * lines, and either the summary or DataX's error block. Never throws; the outcome carries the
 * exit code.
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /**
     * @param jobLocation path or http(s) URL of the job file
     * @param properties  placeholder values ({@code -Dk=v})
     * @param home        installation directory (conf/core.json, log/), or null
     */
    public record Options(String jobLocation, Map<String, String> properties, Path home, long jobId) {
    }

    private final Options options;
    private final PluginRegistry registry;
    private volatile JobContainer container;
    private volatile boolean stopRequested;
    private volatile SinkTelemetry telemetry = SinkTelemetry.NONE;

    public Engine(Options options, PluginRegistry registry) {
        this.options = options;
        this.registry = registry;
    }

    /** Graceful stop: readers stop, in-flight records are written; the outcome is STOPPED (exit 143). */
    public void requestStop() {
        stopRequested = true;
        JobContainer c = container;
        if (c != null) {
            c.requestStop();
        }
    }

    /** Where the writer tasks record their requests, for the metrics port; set before {@link #run()}. */
    public void telemetry(SinkTelemetry t) {
        telemetry = t;
    }

    /** The tasks' counters so far: empty before the tasks start. */
    public List<TaskCounters> counters() {
        JobContainer c = container;
        return c == null ? List.of() : c.counters();
    }

    /** True when exiting now loses nothing (see {@link JobContainer#nothingInFlight()}). */
    public boolean nothingInFlight() {
        JobContainer c = container;
        return c == null || c.nothingInFlight();
    }

    public JobOutcome run() {
        String callerName = Thread.currentThread().getName();
        // DataX's thread name for the job phase; log parsers key on "[job-0]".
        Thread.currentThread().setName("job-" + options.jobId());
        try {
            return runJob();
        } finally {
            Thread.currentThread().setName(callerName);
        }
    }

    private JobOutcome runJob() {
        try {
            PreparedJob job = prepare(options);
            JobContainer c = new JobContainer(job.root(), registry, job.context());
            c.telemetry(telemetry);
            container = c;
            if (stopRequested) {
                c.requestStop();
            }
            JobOutcome outcome = c.run();
            if (outcome.status() == JobOutcome.Status.FAILED) {
                reportFailure(outcome.error());
            } else if (outcome.status() == JobOutcome.Status.STOPPED) {
                LOG.warn("job stopped on request after writing {} records; exit code 143",
                        outcome.snapshot().writeSucceedRecords());
            }
            if (outcome.status() != JobOutcome.Status.SUCCEEDED && outcome.dirtyRecordFile() != null) {
                // the summary prints it on success; a failed or stopped job must not hide where its dirty records went
                LOG.warn("{} dirty records were written to {}", outcome.snapshot().totalErrorRecords(),
                        outcome.dirtyRecordFile().toAbsolutePath());
            }
            return outcome;
        } catch (Throwable t) {
            reportFailure(t);
            return new JobOutcome(JobOutcome.Status.FAILED, t, JobSnapshot.of(List.of()), null);
        }
    }

    /** A job file loaded for running: its configuration and what a run needs besides it. */
    public record PreparedJob(Configuration root, EngineContext context) {
    }

    /**
     * Loads the job file as every runner does: placeholders, core defaults, warnings, the column
     * settings and JVM time zone DataX derives from it, and the masked configuration dump.
     */
    public static PreparedJob prepare(Options options) {
        Configuration core = JobConfigLoader.coreDefaults(options.home());
        JobConfigLoader.LoadedJob job = JobConfigLoader.load(options.jobLocation(), options.properties(), core);
        job.warnings().forEach(LOG::warn);
        Configuration root = job.root();
        ColumnCast.bind(root);
        // DataX sets the JVM default zone from common.column.timeZone; date parameters of
        // readers (otsstreamreader's date/startTimeString) depend on it.
        TimeZone zone = ColumnCast.settings().timeZone();
        TimeZone.setDefault(zone);
        // values from the environment and files are secrets wherever they stand: registered before the dump
        List<String> secrets = new ArrayList<>(secretValues(root));
        secrets.addAll(job.externalValues());
        SecretMasker.register(secrets);
        LOG.info("\n{}\n", SecretMasker.maskedPrettyJson(root));
        return new PreparedJob(root, new EngineContext(options.jobId(), dirtyRecordFile(root, options), secrets, zone));
    }

    /** DataX's closing error block. */
    public static void reportFailure(Throwable t) {
        String text;
        if (t instanceof TablesyncException) {
            text = t.getMessage();
        } else {
            text = TablesyncException.internal(FrameworkErrorCode.RUNTIME_ERROR, String.valueOf(t), t).getMessage();
        }
        LOG.error("\n\n经DataX智能分析,该任务最可能的错误原因是:\n{}", text);
    }

    private static Path dirtyRecordFile(Configuration root, Options options) {
        String configured = root.getString("core.dirtyRecord.path", "");
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        Path base = options.home() != null ? options.home() : Path.of("").toAbsolutePath();
        String name = Path.of(options.jobLocation().replaceAll("[?#].*$", "")).getFileName().toString()
                .replaceAll("\\.json$", "").replaceAll("[^A-Za-z0-9_.-]", "_");
        String stamp = new SimpleDateFormat("yyyyMMdd-HHmmss").format(new Date());
        return base.resolve("log").resolve("dirty").resolve(name + "-" + stamp + "-" + ProcessHandle.current().pid() + ".jsonl");
    }

    /** Every value stored under a secret-looking key or written as URL credentials, so it can be scrubbed from free text. */
    static List<String> secretValues(Configuration root) {
        return SecretMasker.secretValues(root.node());
    }
}
