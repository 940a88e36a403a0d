package io.tablesync.flink;

import io.tablesync.cli.JobArguments;
import io.tablesync.cli.TimeArguments;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.source.StreamingOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tablesync flink JOB}: the job file run as a Flink job — on an embedded MiniCluster in this process,
 * or, started by {@code flink run tablesync-flink-job.jar --job JOB} ({@link FlinkJobMain}), on the
 * cluster that runs it.
 */
@Command(name = "flink", mixinStandardHelpOptions = true,
        description = {
            "Runs the job continuously as an Apache Flink job on an embedded MiniCluster.",
            "On a Flink cluster: flink run tablesync-flink-job.jar --job JOB.",
            "Splits are the stream's shards (with --snapshot: the table's key ranges first);",
            "records are keyed by document id before the writer: each document's changes",
            "stay in order at any parallelism.",
            "",
            "Examples:",
            "  tablesync flink job/ots2es.json --parallelism 2",
            "  tablesync flink job/ots2es.json --snapshot   # copy the table, then stream",
        })
public final class FlinkCommand implements Callable<Integer> {
    @Mixin
    JobArguments job = new JobArguments();

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2",
            description = "Subtasks of the source and of the sink (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--from", paramLabel = "WHERE", converter = TimeArguments.StartAtConverter.class,
            description = "Where shards start when the job has no checkpoint yet: earliest, now, epoch ms, or an ISO"
                    + " time with zone (as for sync).")
    StreamingOptions.StartAt from;

    @Option(names = "--on-trimmed", paramLabel = "fail|skip", defaultValue = "fail",
            description = "A checkpoint older than the stream's retention: fail (default) or skip (as for sync).")
    String onTrimmed;

    @Option(names = "--snapshot", description = "Copy the whole table first, then stream (as for sync).")
    boolean snapshot;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "5s",
            converter = TimeArguments.DurationConverter.class,
            description = "Flink checkpoint interval: how often positions become durable, and how long a shard created"
                    + " by a split or merge waits for its parents' last records (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--checkpoint-dir", paramLabel = "URI",
            description = "Where Flink keeps its checkpoints (e.g. file:///var/lib/tablesync/checkpoints); default: in"
                    + " memory. Positions are also written to the job's status table at every checkpoint.")
    String checkpointDir;

    @Option(names = "--discovery-interval", paramLabel = "DURATION", defaultValue = "5s",
            converter = TimeArguments.DurationConverter.class,
            description = "How often new shards are looked for (default: ${DEFAULT-VALUE}; also after every checkpoint"
                    + " that finished a shard).")
    Duration discoveryInterval;

    /** Set by {@link FlinkJobMain}: run on the cluster that started this program, not on a MiniCluster. */
    boolean onCluster;

    @Override
    public Integer call() throws Exception {
        StreamingOptions.OnTrimmed trimmed;
        try {
            trimmed = StreamingOptions.OnTrimmed.valueOf(onTrimmed.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("tablesync flink: --on-trimmed must be fail or skip, not '" + onTrimmed + "'");
            return 255;
        }
        if (parallelism < 1) {
            System.err.println("tablesync flink: --parallelism must be at least 1, not " + parallelism);
            return 255;
        }
        Map<String, String> properties = job.apply();
        Engine.Options engineOptions = new Engine.Options(job.job(), properties, JobArguments.home(), job.jobIdOrZero());
        JobSpec spec = FlinkJobPlan.prepare(engineOptions, new StreamingOptions(from, trimmed, snapshot), parallelism,
                discoveryInterval.toMillis());
        // Flink's classes are touched only from here on: the CLI lists this command without lib/flink/ on its class path
        return FlinkExecution.run(spec, parallelism, checkpointInterval, checkpointDir, onCluster);
    }
}
