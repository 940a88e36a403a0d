package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.DescribeStreamRequest;
import com.alicloud.openservices.tablestore.model.ListStreamRequest;
import com.alicloud.openservices.tablestore.model.StreamShard;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tablesync sync} on the seed's job file, unchanged (its window placeholders unset):
 * changes of every kind arrive while it runs, a shard split is followed, SIGTERM ends it with exit
 * code 0 and its checkpoints, and the next start continues from them.
 */
class SyncIT {
    static final String INDEX = "sync_it";

    @TempDir
    Path dir;

    @Test
    void followsChangesAndASplitStopsCleanlyAndResumes() throws Exception {
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        try (TablestoreLocal ots = TablestoreLocal.start()) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            es.http().deleteIndex(INDEX);
            Path job = dir.resolve("job.json");
            Files.writeString(job, SeedDemo.seedJob(ots, es, INDEX));
            Workload work = new Workload(client, 8, 200);
            work.write(300);
            try (SyncProcess sync = SyncProcess.start(job, dir, "sync-1", "--status-interval", "2s")) {
                awaitConverged(client, es, INDEX, sync);
                work.write(300);
                String shard = openShards(client).get(0).getShardId();
                ots.splitShard(SeedDemo.TABLE, shard);
                work.write(300);
                awaitConverged(client, es, INDEX, sync);
                assertThat(sync.log()).contains("split " + shard + " finished");
                assertThat(sync.terminate(Duration.ofSeconds(15))).as(sync.log()).isEqualTo(0);
                assertThat(sync.log()).contains("stopped on request");
            }
            work.write(300);
            try (SyncProcess sync = SyncProcess.start(job, dir, "sync-2")) {
                awaitConverged(client, es, INDEX, sync);
                assertThat(sync.log()).doesNotContain("starts at its oldest retained change");
                assertThat(sync.terminate(Duration.ofSeconds(15))).as(sync.log()).isEqualTo(0);
            }
        }
    }

    static void awaitConverged(SyncClient client, EsNode es, String index, SyncProcess sync) {
        awaitConverged(client, es, index, sync, Duration.ofSeconds(90));
    }

    /** As above, with a longer wait for big tables (each comparison reads the whole table and index). */
    static void awaitConverged(SyncClient client, EsNode es, String index, SyncProcess sync, Duration atMost) {
        try {
            awaitEqual(client, es, index, sync, atMost);
        } catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\n--- sync log ---\n" + sync.log(), e);
        }
    }

    private static void awaitEqual(SyncClient client, EsNode es, String index, SyncProcess sync, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsMatching(OtsEsJobs::indexNotReady)
                .failFast("sync exited", () -> !sync.isAlive())
                .untilAsserted(() -> {
                    assertThat(SeedDemo.documents(es.http(), index)).isEqualTo(SeedDemo.expectedDocuments(SeedDemo.readTable(client)));
                });
    }

    static List<StreamShard> openShards(SyncClient client) {
        String streamId = client.listStream(new ListStreamRequest(SeedDemo.TABLE)).getStreams().get(0).getStreamId();
        return client.describeStream(new DescribeStreamRequest(streamId)).getShards();
    }
}
