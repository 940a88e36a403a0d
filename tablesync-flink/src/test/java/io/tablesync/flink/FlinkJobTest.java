package io.tablesync.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.DeleteRowRequest;
import com.alicloud.openservices.tablestore.model.DescribeStreamRequest;
import com.alicloud.openservices.tablestore.model.ListStreamRequest;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import com.alicloud.openservices.tablestore.model.StreamShard;
import com.alicloud.openservices.tablestore.model.UpdateRowRequest;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.source.StreamingOptions;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.elasticsearch.FaultProxy;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's job file as a Flink job on a MiniCluster (parallelism 2, checkpoints every 300 ms) against
 * tablestore-local and a real Elasticsearch: a random workload of puts, partial updates, column deletes and
 * row deletes (hot keys included) while a shard splits and its children merge, Elasticsearch rejects bulks for
 * a while (429), and one task failure is thrown from inside the job after that; the restored job must converge — every document equal to its
 * row field by field, no document for a deleted row. Then the same with {@code --snapshot} over a table that
 * has rows before the job starts.
 */
class FlinkJobTest {
    private static final int PARALLELISM = 2;
    private static final long SEED = Long.getLong("flink.seed", 20261202L);

    @TempDir
    Path dir;

    @Test
    void convergesThroughSplitMergeAndAFailureRestoredFromACheckpoint() throws Exception {
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        String index = "flink_it_stream";
        FailOnce.reset();
        try (TablestoreLocal ots = TablestoreLocal.start(); FaultProxy proxy = FaultProxy.start(es)) {
            SyncClient client = ots.syncClient();
            try {
                SeedDemo.createTable(client);
                es.http().deleteIndex(index);
                JobSpec spec = plan(ots, es, proxy.url(), index, false);
                JobClient job = start(spec, s -> s.map(new FailOnce()).returns(TablesyncPipeline.KEYED_RECORD));
                try {
                    Random random = new Random(SEED);
                    write(client, random, 1000);
                    List<String> children = ots.splitShard(SeedDemo.TABLE, openShards(client).get(0).getShardId());
                    // Elasticsearch rejects bulks for a while, so the sinks hold unacknowledged records across
                    // checkpoint triggers; the failure comes two completed checkpoints later, while the split's
                    // parents and children are in flight. A checkpoint that completed before the sink's records were
                    // acknowledged would lose them here.
                    proxy.failRequests("/_bulk", 8, 429);
                    FailOnce.armAfter(2);
                    write(client, random, 1000);
                    ots.mergeShards(SeedDemo.TABLE, children.get(0), children.get(1));
                    write(client, random, 1000);
                    awaitConverged(client, es, index, job);
                    assertThat(FailOnce.THROWN.get()).as("the injected failure happened").isTrue();
                    assertThat(FailOnce.RESTORED.get()).as("the job was restored after it").isTrue();
                    assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
                } finally {
                    job.cancel().get();
                }
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void snapshotCopiesTheTableThenStreamsFromThePositionsRecordedFirst() throws Exception {
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        String index = "flink_it_snapshot";
        try (TablestoreLocal ots = TablestoreLocal.start()) {
            SyncClient client = ots.syncClient();
            try {
                SeedDemo.createTable(client);
                es.http().deleteIndex(index);
                Random random = new Random(SEED + 1);
                for (int i = 0; i < 3000; i++) {
                    SeedDemo.put(client, "s" + i, "n" + random.nextInt(1000), "p" + random.nextInt(1000));
                }
                // the job starts after the stream's records expired from the point of view of --from now:
                // only the snapshot can bring the rows written before
                JobSpec spec = plan(ots, es, es.url(), index, true);
                JobClient job = start(spec, s -> s);
                try {
                    write(client, random, 1000); // while the copy runs
                    awaitConverged(client, es, index, job);
                } finally {
                    job.cancel().get();
                }
            } finally {
                client.shutdown();
            }
        }
    }

    private JobSpec plan(TablestoreLocal ots, EsNode es, String esUrl, String index, boolean snapshot) throws Exception {
        Path jobFile = dir.resolve(index + ".json");
        // small bulks, retries 200 ms apart
        Files.writeString(jobFile, SeedDemo.seedJob(ots, es, index).replace(es.url(), esUrl)
                .replace("\"batchSize\": 100", "\"batchSize\": 50, \"tryInterval\": 200, \"retryInitialInterval\": 100"));
        StreamingOptions options = snapshot
                ? new StreamingOptions(StreamingOptions.StartAt.now(), StreamingOptions.OnTrimmed.FAIL, true)
                : new StreamingOptions(StreamingOptions.StartAt.earliest(), StreamingOptions.OnTrimmed.FAIL);
        return FlinkJobPlan.prepare(new Engine.Options(jobFile.toString(), Map.of(), null, 0), options, PARALLELISM, 500);
    }

    private static JobClient start(JobSpec spec,
                                   java.util.function.UnaryOperator<DataStream<Tuple2<String, byte[]>>> between) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.AT_LEAST_ONCE);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        conf.setString("taskmanager.numberOfTaskSlots", String.valueOf(PARALLELISM));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, conf);
        TablesyncPipeline.build(env, spec, PARALLELISM, false, between);
        return env.executeAsync(spec.jobName);
    }

    /** Puts, partial updates of either column, column deletes and row deletes on 300 keys, a fifth on 5 hot keys. */
    private static void write(SyncClient client, Random random, int changes) {
        for (int i = 0; i < changes; i++) {
            String uid = random.nextInt(5) == 0 ? "hot" + random.nextInt(5) : "k" + random.nextInt(300);
            int op = random.nextInt(100);
            if (op < 45) {
                SeedDemo.put(client, uid, "n" + random.nextInt(100_000), "p" + random.nextInt(100_000));
            } else if (op < 85) {
                RowUpdateChange c = new RowUpdateChange(SeedDemo.TABLE, SeedDemo.pk(uid));
                if (op < 65) {
                    c.put("name", ColumnValue.fromString("n" + random.nextInt(100_000)));
                } else if (op < 75) {
                    c.put("phone", ColumnValue.fromString("p" + random.nextInt(100_000)));
                } else {
                    c.deleteColumns("phone");
                }
                client.updateRow(new UpdateRowRequest(c));
            } else {
                client.deleteRow(new DeleteRowRequest(new RowDeleteChange(SeedDemo.TABLE, SeedDemo.pk(uid))));
            }
        }
    }

    private static void awaitConverged(SyncClient client, EsNode es, String index, JobClient job) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsMatching(e -> e.getMessage() != null && (e.getMessage().contains("index_not_found")
                        || e.getMessage().contains("no_shard_available"))) // created, shard not started yet
                .failFast("the Flink job ended", () -> job.getJobStatus().get().isGloballyTerminalState())
                .untilAsserted(() -> assertThat(SeedDemo.documents(es.http(), index))
                        .isEqualTo(SeedDemo.expectedDocuments(SeedDemo.readTable(client))));
    }

    private static List<StreamShard> openShards(SyncClient client) {
        String streamId = client.listStream(new ListStreamRequest(SeedDemo.TABLE)).getStreams().get(0).getStreamId();
        return client.describeStream(new DescribeStreamRequest(streamId)).getShards();
    }

    /** Throws once, from inside the job, a few checkpoints after it was armed; notes when a restarted attempt opens. */
    static final class FailOnce extends RichMapFunction<Tuple2<String, byte[]>, Tuple2<String, byte[]>>
            implements CheckpointListener {
        static final AtomicBoolean THROWN = new AtomicBoolean();
        static final AtomicBoolean RESTORED = new AtomicBoolean();
        private static final AtomicInteger COMPLETED = new AtomicInteger();
        private static volatile int after = Integer.MAX_VALUE;

        static void reset() {
            THROWN.set(false);
            RESTORED.set(false);
            COMPLETED.set(0);
            after = Integer.MAX_VALUE;
        }

        /** Throws at the first record after {@code checkpoints} more checkpoints completed. */
        static void armAfter(int checkpoints) {
            after = COMPLETED.get() + checkpoints;
        }

        @Override
        public void open(OpenContext context) {
            if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
                RESTORED.set(true);
            }
        }

        @Override
        public Tuple2<String, byte[]> map(Tuple2<String, byte[]> value) {
            if (COMPLETED.get() >= after && THROWN.compareAndSet(false, true)) {
                throw new IllegalStateException("failure injected by the test after checkpoint " + after);
            }
            return value;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            COMPLETED.incrementAndGet();
        }
    }
}
