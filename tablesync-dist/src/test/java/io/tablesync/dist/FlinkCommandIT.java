package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.SyncClient;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tablesync flink} on the seed's job file: the job runs on an embedded Flink MiniCluster with
 * parallelism 2 and follows changes of every kind and a shard split; killed and started again, it continues
 * from the positions its checkpoints wrote to the status table (it does not start over).
 */
class FlinkCommandIT {
    private static final String INDEX = "flink_command_it";

    @TempDir
    Path dir;

    @Test
    void runsTheJobOnAnEmbeddedMiniClusterAndResumesFromTheStatusTable() throws Exception {
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        try (TablestoreLocal ots = TablestoreLocal.start()) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            es.http().deleteIndex(INDEX);
            Path job = dir.resolve("job.json");
            Files.writeString(job, SeedDemo.seedJob(ots, es, INDEX));
            Workload work = new Workload(client, 11, 200);
            work.write(300);
            Map<String, String> env = Map.of("TABLESYNC_JVM_OPTS", "-Xms512m -Xmx512m");
            try (SyncProcess flink = SyncProcess.startCommand("flink", job, dir, "flink-1", env,
                    "--parallelism", "2", "--checkpoint-interval", "1s")) {
                SyncIT.awaitConverged(client, es, INDEX, flink);
                ots.splitShard(SeedDemo.TABLE, SyncIT.openShards(client).get(0).getShardId());
                work.write(300);
                SyncIT.awaitConverged(client, es, INDEX, flink);
                assertThat(flink.log()).contains("finished: everything read from it is written and checkpointed");
                flink.kill9();
            }
            work.write(300);
            try (SyncProcess flink = SyncProcess.startCommand("flink", job, dir, "flink-2", env, "--parallelism", "2")) {
                SyncIT.awaitConverged(client, es, INDEX, flink);
                assertThat(flink.log()).doesNotContain("starts at its oldest retained change");
            }
        }
    }
}
