package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.ListStreamRequest;
import com.alicloud.openservices.tablestore.model.Row;
import com.fasterxml.jackson.databind.JsonNode;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsLauncher;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees of a real {@code bin/tablesync sync --metrics-port}: after a known workload the
 * counters equal its changes by operation; while Elasticsearch is stopped the lag rises, {@code /health}
 * answers 503 saying which shard is stuck and {@code bin/tablesync status} exits 1; once it is back the
 * lag falls to 0, {@code /health} answers 200 and {@code status} exits 0, its rows matching the status table.
 */
class OperationsIT {
    private static final String INDEX = "operations_it";
    private static final String STATUS_TABLE = "TableStoreStreamReaderStatusTable";
    private static final String READ = "stage=\"read\"";
    private static final String WRITTEN = "stage=\"written\"";

    @TempDir
    Path dir;

    @Test
    void countersLagHealthAndStatusThroughAnElasticsearchOutage() throws Exception {
        // a node of its own: it is stopped in the middle, and other classes use the shared one meanwhile
        try (EsNode es = EsLauncher.start(EsDistribution.ES_8, false);
             TablestoreLocal ots = TablestoreLocal.start(b -> b.shards(2))) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            Path job = dir.resolve("job.json");
            // retry pauses capped at 2 s, so the writer notices the node's return quickly
            Files.writeString(job, SeedDemo.seedJob(ots, es, INDEX).replace("\"batchSize\": 100", "\"batchSize\": 100,"
                    + " \"tryInterval\": 2000"));
            KnownWork work = new KnownWork(client);
            work.run(300, 120, 60);
            try (SyncProcess sync = SyncProcess.start(job, dir, "sync", "--metrics-port", "0", "--health-stall", "3s",
                    "--status-interval", "2s")) {
                MetricsEndpoint metrics = MetricsEndpoint.of(sync);
                SyncIT.awaitConverged(client, es, INDEX, sync);
                awaitCounters(metrics, work, sync, true);
                awaitCaughtUpAndCheckpointed(metrics);
                assertThat(metrics.health().status()).as(metrics.health().body().toString()).isEqualTo(200);
                StatusCli.Result healthy = StatusCli.run(job, "--json", "--max-lag", "3s");
                assertThat(healthy.exit()).as(healthy.toString()).isEqualTo(0);
                assertThat(assertMatchesStatusTable(healthy.json(), client)).as("records written, all shards")
                        .isEqualTo(work.total());
                StatusCli.Result table = StatusCli.run(job, "--max-lag", "3s");
                assertThat(table.exit()).as(table.toString()).isEqualTo(0);
                assertThat(table.out()).contains("SHARD", "STATE", "CHECKPOINT TIME (UTC)", "LAG", "RECORDS", "LAST COMMIT",
                        "healthy: every shard is within 3.0 s of the source").doesNotContain("INFO");

                List<String> outage = new ArrayList<>();
                es.restart(() -> {
                    try {
                        work.run(100, 0, 0);
                        double first = awaitLagAbove(metrics, 1.0);
                        double later = awaitLagAbove(metrics, first + 1.0);
                        outage.add("lag rose from " + first + " s to " + later + " s while Elasticsearch was stopped");
                        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                            MetricsEndpoint.HealthAnswer h = metrics.health();
                            assertThat(h.status()).as(h.body().toString()).isEqualTo(503);
                            assertThat(h.body().path("problems").toString()).contains("is stuck");
                            assertThat(h.body().path("progressing").asBoolean()).isFalse();
                        });
                        StatusCli.Result stuck = StatusCli.run(job, "--json", "--max-lag", "3s");
                        assertThat(stuck.exit()).as(stuck.toString()).isEqualTo(1);
                        assertThat(stuck.json().path("problems").toString()).contains("behind (limit 3.0 s)");
                        outage.add("status while stopped:\n" + StatusCli.run(job, "--max-lag", "3s").out());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                outage.forEach(System.out::println);
                SyncIT.awaitConverged(client, es, INDEX, sync);
                awaitCounters(metrics, work, sync, false);
                awaitCaughtUpAndCheckpointed(metrics);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(metrics.health().status()).as(metrics.health().body().toString()).isEqualTo(200));
                StatusCli.Result again = StatusCli.run(job, "--json", "--max-lag", "3s");
                assertThat(again.exit()).as(again.toString()).isEqualTo(0);
                assertThat(assertMatchesStatusTable(again.json(), client)).as("records written (replays after a restart count)")
                        .isGreaterThanOrEqualTo(work.total());
                assertThat(MetricsEndpoint.sum(metrics.scrape(), "tablesync_retries_total", "reason=\"io_error\""))
                        .as("documents retried while the node was down").isPositive();
                assertThat(sync.terminate(Duration.ofSeconds(15))).as(sync.log()).isEqualTo(0);
            }
        }
    }

    /**
     * Read and written counters equal the workload's changes by operation, nothing is dirty; after a pipeline
     * restart ({@code exact} false) records read again are counted again, so the counters are at least that.
     */
    private static void awaitCounters(MetricsEndpoint metrics, KnownWork work, SyncProcess sync, boolean exact) {
        await().atMost(Duration.ofSeconds(30)).failFast("sync exited", () -> !sync.isAlive()).untilAsserted(() -> {
            Map<String, Double> m = metrics.scrape();
            for (String stage : List.of(READ, WRITTEN)) {
                assertCount(MetricsEndpoint.sum(m, "tablesync_records_total", stage, "operation=\"upsert\""), work.upserts, exact);
                assertCount(MetricsEndpoint.sum(m, "tablesync_records_total", stage, "operation=\"update\""), work.updates, exact);
                assertCount(MetricsEndpoint.sum(m, "tablesync_records_total", stage, "operation=\"delete\""), work.deletes, exact);
            }
            assertThat(MetricsEndpoint.sum(m, "tablesync_records_total", "stage=\"dirty\"")).isZero();
        });
    }

    private static void assertCount(double counted, int expected, boolean exact) {
        if (exact) {
            assertThat(counted).isEqualTo(expected);
        } else {
            assertThat(counted).isGreaterThanOrEqualTo(expected);
        }
    }

    /** Every shard's lag is 0 and its checkpoint written (so the status table holds what the process knows). */
    private static void awaitCaughtUpAndCheckpointed(MetricsEndpoint metrics) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Double> m = metrics.scrape();
            assertThat(MetricsEndpoint.sum(m, "tablesync_shard_lag_seconds")).isZero();
            assertThat(MetricsEndpoint.sum(m, "tablesync_checkpoint_age_seconds")).isZero();
            assertThat(MetricsEndpoint.sum(m, "tablesync_shards", "state=\"reading\"")).isEqualTo(2);
        });
    }

    private static double awaitLagAbove(MetricsEndpoint metrics, double seconds) {
        double[] seen = new double[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            seen[0] = maxLag(metrics.scrape());
            return seen[0] > seconds;
        });
        return seen[0];
    }

    private static double maxLag(Map<String, Double> scrape) {
        return scrape.entrySet().stream().filter(e -> e.getKey().startsWith("tablesync_shard_lag_seconds{"))
                .mapToDouble(Map.Entry::getValue).max().orElseThrow();
    }

    /** {@code status --json}'s rows are the status table's TablesyncShardCheckpoint rows; returns their records in total. */
    private static long assertMatchesStatusTable(JsonNode status, SyncClient client) {
        String streamId = client.listStream(new ListStreamRequest(SeedDemo.TABLE)).getStreams().get(0).getStreamId();
        Map<String, Row> rows = ReplayMeter.checkpointRows(client, STATUS_TABLE, streamId);
        assertThat(rows).hasSize(2);
        assertThat(status.path("shards").size()).isEqualTo(rows.size());
        long total = 0;
        for (JsonNode shard : status.path("shards")) {
            Row row = rows.get(shard.path("shard").asText());
            assertThat(row).as(shard.toString()).isNotNull();
            assertThat(shard.path("state").asText()).isEqualTo("reading");
            assertThat(shard.path("records").asLong()).isEqualTo(row.getLatestColumn("Records").getValue().asLong());
            assertThat(shard.path("checkpointTime").asLong()).isEqualTo(row.getLatestColumn("EventTime").getValue().asLong());
            assertThat(shard.path("committedAt").asLong()).isEqualTo(row.getLatestColumn("CommittedAt").getValue().asLong());
            assertThat(shard.path("lagSeconds").asDouble()).isZero();
            total += shard.path("records").asLong();
        }
        return total;
    }
}
