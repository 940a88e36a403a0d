package io.tablesync.flink;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and starts the job: on an embedded MiniCluster (waiting until the job ends), or on the cluster that
 * runs this program ({@code flink run}). Checkpointing is at-least-once (the sink's idempotent, ordered writes
 * make replays converge; aligned exactly-once barriers would only add waiting), restarts back off exponentially
 * up to a minute, as {@code sync} starts over after a transient failure.
 */
final class FlinkExecution {
    private static final Logger LOG = LoggerFactory.getLogger(FlinkExecution.class);

    private FlinkExecution() {
    }

    static int run(JobSpec spec, int parallelism, Duration checkpointInterval, String checkpointDir, boolean onCluster)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.AT_LEAST_ONCE);
        if (checkpointDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        }
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(60));
        StreamExecutionEnvironment env;
        if (onCluster) {
            env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        } else {
            conf.setString("taskmanager.numberOfTaskSlots", String.valueOf(parallelism));
            env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        }
        TablesyncPipeline.build(env, spec, parallelism, false);
        LOG.info("starting Flink job '{}' with parallelism {} ({}), checkpoints every {} ms", spec.jobName, parallelism,
                onCluster ? "on the cluster" : "on an embedded MiniCluster", checkpointInterval.toMillis());
        JobClient client = env.executeAsync(spec.jobName);
        LOG.info("Flink job {} submitted", client.getJobID());
        if (!onCluster) {
            try {
                client.getJobExecutionResult().get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw tablesyncCause(e);
            }
            LOG.info("Flink job {} finished", client.getJobID());
        }
        return 0;
    }

    /** The job failed: a tablesync error inside Flink's wrappers is reported as itself (one line for a user's mistake). */
    private static Exception tablesyncCause(java.util.concurrent.ExecutionException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.tablesync.core.TablesyncException te) {
                return te;
            }
        }
        return e;
    }
}
