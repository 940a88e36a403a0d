package io.tablesync.cli;

import io.micrometer.core.instrument.Tags;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.source.StreamingOptions;
import io.tablesync.core.metrics.HealthRules;
import io.tablesync.core.metrics.MetricsServer;
import io.tablesync.core.metrics.SinkMeters;
import io.tablesync.core.sync.MultiSyncMonitor;
import io.tablesync.core.sync.SyncGroup;
import io.tablesync.core.sync.SyncMonitor;
import io.tablesync.core.sync.CopyOptions;
import io.tablesync.core.sync.SyncOptions;
import io.tablesync.core.sync.SyncRunner;
import io.tablesync.core.sync.WindowScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {
            "Keep the sink in step with the source continuously, from the job file.",
            "About a second behind Tablestore, exact recovery after a crash, no cron.",
            "The window keys (startTimestampMillis, endTimestampMillis, ...) are optional:",
            "without an end the run never ends; a start applies only to a job without",
            "checkpoints. --every runs contiguous DataX windows on a schedule instead.",
            "Several jobs (files, or directories of *.json) run in one process, each with",
            "its own checkpoints and lease; one failing job stops alone.",
            "Exit code: 0 stopped by SIGTERM/SIGINT or bounded job complete, 1 failure.",
        },
        footer = {
            "",
            "Examples:",
            "  tablesync sync job/ots2es.json",
            "  tablesync sync job/ots2es.json --from now",
            "  tablesync sync job/ots2es.json --snapshot   # copy the table, then stream",
            "  tablesync sync job/ots2es.json --every 5m   # the guide's cron schedule",
            "  tablesync sync job/ots2es.json --metrics-port 9464  # metrics, health, page",
            "  tablesync sync /etc/tablesync/jobs     # every job of the directory",
            "",
            "Checkpoints, the lease and the window mark live in the job's statusTable,",
            "beside DataX's rows. A second `sync` of the same job waits as a standby",
            "and takes over within --lease-timeout.",
            "JVM options: TABLESYNC_JVM_OPTS (default -Xms1g -Xmx1g).",
        })
final class SyncCommand implements Callable<Integer> {
    @Mixin
    JobArguments job = new JobArguments();

    @Parameters(index = "1..*", paramLabel = "JOB", description = "More job files, or directories of them (*.json):"
            + " all run in this process, each its own pipeline with its own checkpoints and lease.")
    List<String> more = new ArrayList<>();

    @Option(names = "--from", paramLabel = "WHERE", converter = TimeArguments.StartAtConverter.class,
            description = "Where shards start when the job has no checkpoint yet: earliest, now, epoch ms, or an ISO"
                    + " time with zone. Default: where DataX's last window ended, else the job's start time, else earliest.")
    StreamingOptions.StartAt from;

    @Option(names = "--on-trimmed", paramLabel = "fail|skip", defaultValue = "fail",
            description = "A checkpoint older than the stream's retention: fail (default, says what was lost) or skip"
                    + " (start at the oldest retained change, warn, count the gap).")
    String onTrimmed;

    @Option(names = "--snapshot",
            description = "Copy the whole table first, then stream: records every shard's position, copies the table in"
                    + " parallel key ranges through the writer, then reads the stream from the recorded positions (no gap,"
                    + " no stale document). Resumable: a restart copies only the unfinished ranges. A completed snapshot is"
                    + " not repeated.")
    boolean snapshot;

    @Option(names = "--snapshot-retention-check", paramLabel = "fail|warn", defaultValue = "fail",
            description = "A copy that cannot end before the stream drops the positions recorded at its start (at the"
                    + " rate measured over its first 30 s): fail (default: stop with the numbers, exit 1; a restart resumes)"
                    + " or warn (go on).")
    String retentionCheck;

    @Option(names = "--every", paramLabel = "DURATION", converter = TimeArguments.DurationConverter.class,
            description = "Run contiguous DataX windows of this length instead of streaming (e.g. 5m), keeping DataX's"
                    + " 5-minute safety margin; missed windows are caught up after downtime.")
    Duration every;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "1s",
            converter = TimeArguments.DurationConverter.class,
            description = "At most one checkpoint write per shard per interval (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--discovery-interval", paramLabel = "DURATION", defaultValue = "5s",
            converter = TimeArguments.DurationConverter.class,
            description = "How often new shards are looked for (default: ${DEFAULT-VALUE}; also at once when a shard ends).")
    Duration discoveryInterval;

    @Option(names = "--idle-backoff-max", paramLabel = "DURATION", defaultValue = "250ms",
            converter = TimeArguments.DurationConverter.class,
            description = "Longest pause between reads of a shard that has nothing new (default: ${DEFAULT-VALUE}).")
    Duration idleBackoffMax;

    @Option(names = "--lease-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = TimeArguments.DurationConverter.class,
            description = "A standby takes over when the active process has not renewed its lease for this long"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration leaseTimeout;

    @Option(names = "--status-interval", paramLabel = "DURATION", defaultValue = "30s",
            converter = TimeArguments.DurationConverter.class,
            description = "How often the status line is logged (default: ${DEFAULT-VALUE}).")
    Duration statusInterval;

    @Mixin
    MetricsPort metrics = new MetricsPort();

    @Option(names = "--health-stall", paramLabel = "DURATION", defaultValue = "2m",
            converter = TimeArguments.DurationConverter.class,
            description = "/health turns red when a shard is behind and nothing was acknowledged for this long, or when"
                    + " the source or the sink failed every request for this long (default: ${DEFAULT-VALUE}).")
    Duration healthStall;

    @Option(names = "--health-min-headroom", paramLabel = "DURATION", defaultValue = "6h",
            converter = TimeArguments.DurationConverter.class,
            description = "/health turns red when the oldest change not yet written is trimmed by the stream's retention"
                    + " within this time (default: ${DEFAULT-VALUE}; at most half the retention).")
    Duration healthMinHeadroom;

    @Override
    public Integer call() {
        StreamingOptions.OnTrimmed trimmed;
        try {
            trimmed = StreamingOptions.OnTrimmed.valueOf(onTrimmed.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("tablesync sync: --on-trimmed must be fail or skip, not '" + onTrimmed + "'");
            return Main.USAGE_EXIT_CODE;
        }
        CopyOptions.RetentionCheck check;
        try {
            check = CopyOptions.RetentionCheck.valueOf(retentionCheck.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("tablesync sync: --snapshot-retention-check must be fail or warn, not '" + retentionCheck + "'");
            return Main.USAGE_EXIT_CODE;
        }
        if (snapshot && every != null) {
            System.err.println("tablesync sync: --snapshot streams after the copy; it cannot be combined with --every");
            return Main.USAGE_EXIT_CODE;
        }
        List<String> jobs;
        try {
            jobs = JobFiles.expand(JobFiles.of(job.job, more));
        } catch (IllegalArgumentException e) {
            System.err.println("tablesync sync: " + e.getMessage());
            return Main.USAGE_EXIT_CODE;
        }
        if (jobs.size() > 1 && every != null) {
            System.err.println("tablesync sync: --every runs one job's windows; give it one job file (or run each"
                    + " job continuously, without --every)");
            return Main.USAGE_EXIT_CODE;
        }
        Map<String, String> properties = job.apply();
        Engine.Options engineOptions = new Engine.Options(jobs.get(0), properties, JobArguments.home(), job.jobIdOrZero());
        SyncOptions options = SyncOptions.defaults()
                .withStreaming(new StreamingOptions(from, trimmed, snapshot))
                .withCheckpointInterval(checkpointInterval)
                .withDiscoveryInterval(discoveryInterval)
                .withIdleBackoffMax(idleBackoffMax)
                .withLeaseTimeout(leaseTimeout)
                .withStatusInterval(statusInterval)
                .withCopy(new CopyOptions(check, CopyOptions.defaults().warmup(), true));
        if (every != null) {
            if (metrics.enabled()) {
                System.err.println("tablesync sync: --metrics-port is not available with --every yet; run the windows"
                        + " without it, or use `tablesync sync` (continuous), which serves metrics");
                return Main.USAGE_EXIT_CODE;
            }
            WindowScheduler windows = new WindowScheduler(engineOptions, options, every, PluginRegistry.fromClassPath());
            SignalHandlers.onTerminate(windows::requestStop);
            return windows.run();
        }
        HealthRules rules = new HealthRules(healthStall, healthMinHeadroom);
        if (jobs.size() > 1) {
            return runAll(jobs, properties, options, rules);
        }
        SyncRunner runner = new SyncRunner(engineOptions, options, PluginRegistry.fromClassPath());
        MetricsServer server;
        try {
            String name = MetricsPort.jobName(jobs.get(0));
            // the writer's meters carry the job label too: one set of tag keys per meter name
            server = metrics.serve(registry -> new SyncMonitor(name, runner.metrics(), registry,
                    new SinkMeters(registry, System::currentTimeMillis, Tags.of("job", name)), rules, Tags.of("job", name)));
        } catch (IllegalArgumentException e) {
            System.err.println("tablesync sync: " + e.getMessage());
            return 1;
        }
        SignalHandlers.onTerminate(runner::requestStop);
        try {
            return runner.run();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** Several jobs: one runner each, one metrics port (a job tag on every series), one /health naming a failed job. */
    private int runAll(List<String> jobs, Map<String, String> properties, SyncOptions options, HealthRules rules) {
        List<String> names = uniqueNames(jobs);
        List<Engine.Options> engineOptions = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            engineOptions.add(new Engine.Options(jobs.get(i), properties, JobArguments.home(), job.jobIdOrZero() + i));
        }
        SyncGroup group = new SyncGroup(names, engineOptions, options, PluginRegistry.fromClassPath());
        MetricsServer server;
        try {
            server = metrics.serve(registry -> {
                List<MultiSyncMonitor.Job> monitored = new ArrayList<>();
                for (SyncGroup.Member m : group.members()) {
                    Tags tags = Tags.of("job", m.name());
                    SyncMonitor monitor = new SyncMonitor(m.name(), m.runner().metrics(), registry,
                            new SinkMeters(registry, System::currentTimeMillis, tags), rules, tags);
                    monitored.add(new MultiSyncMonitor.Job(m.name(), monitor, m.runner()::failure));
                }
                return new MultiSyncMonitor(monitored);
            });
        } catch (IllegalArgumentException e) {
            System.err.println("tablesync sync: " + e.getMessage());
            return 1;
        }
        SignalHandlers.onTerminate(group::requestStop);
        try {
            return group.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The jobs' file names; a name that occurs twice (same file name in two directories) gets "#2", "#3". */
    static List<String> uniqueNames(List<String> jobs) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (String j : jobs) {
            String name = MetricsPort.jobName(j);
            int n = seen.merge(name, 1, Integer::sum);
            names.add(n == 1 ? name : name + "#" + n);
        }
        return names;
    }
}
