package io.tablesync.flink;

import io.tablesync.cli.JobArguments;
import io.tablesync.cli.TimeArguments;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.source.StreamingOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
            "Runs the job's otsstreamreader -> elasticsearchwriter continuously as an Apache Flink job,",
            "here on an embedded Flink MiniCluster (the same job runs on a cluster: see the README).",
            "Splits are the stream's shards (and, with --snapshot, the table's key ranges first); the",
            "records are keyed by document id before the writer, so each document's changes stay in order.",
            "",
            "Examples:",
            "  tablesync flink job/ots2es.json --parallelism 2",
            "  tablesync flink job/ots2es.json --snapshot   # copy the table, then stream",
        })
public final class FlinkCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(FlinkCommand.class);

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
        StreamExecutionEnvironment env = environment();
        TablesyncPipeline.build(env, spec, parallelism, false);
        LOG.info("starting Flink job '{}' with parallelism {} ({})", spec.jobName, parallelism,
                onCluster ? "on the cluster" : "on an embedded MiniCluster");
        JobClient client = env.executeAsync(spec.jobName);
        LOG.info("Flink job {} submitted", client.getJobID());
        if (onCluster) {
            return 0;
        }
        client.getJobExecutionResult().get();
        return 0;
    }

    private StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.AT_LEAST_ONCE);
        if (checkpointDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        }
        // a task failure (an unreachable server after the writer's own retries) restarts from the last checkpoint,
        // waiting longer each time, as sync starts over with growing pauses; user mistakes never restart
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(60));
        if (onCluster) {
            return StreamExecutionEnvironment.getExecutionEnvironment(conf);
        }
        conf.setString("taskmanager.numberOfTaskSlots", String.valueOf(parallelism));
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    }
}
