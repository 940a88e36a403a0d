package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alicloud.openservices.tablestore.SyncClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three jobs (a directory of job files) in one {@code sync} process: all three converge, with one
 * metrics endpoint whose series carry a {@code job} label and one HTTP client for the shared
 * Elasticsearch. Then one job's index gets a mapping its documents do not fit: that job stops with a
 * message naming it, /health turns red and names it, and the two others keep syncing new rows.
 */
class MultiJobSyncIT {
    private static final List<String> JOBS = List.of("multi_a", "multi_b", "multi_c");

    @TempDir
    Path dir;

    @Test
    void threeJobsConvergeAndABrokenMappingStopsOnlyItsJob() throws Exception {
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        try (TablestoreLocal ots = TablestoreLocal.start()) {
            SyncClient client = ots.syncClient();
            Path jobs = Files.createDirectories(dir.resolve("jobs"));
            for (String name : JOBS) {
                es.http().deleteIndex(name);
                OtsEsJobs.createTable(client, name, 24);
                Files.writeString(jobs.resolve(name + ".json"), OtsEsJobs.job(ots, es, name, name));
                OtsEsJobs.putRows(client, name, 0, 30);
            }
            Map<String, String> env = Map.of(OtsEsJobs.SECRET_VARIABLE, ots.accessKeySecret());
            try (SyncProcess sync = SyncProcess.start(jobs, dir, "multi", env, "--metrics-port", "0", "--status-interval", "1s")) {
                MetricsEndpoint metrics = MetricsEndpoint.of(sync);
                for (String name : JOBS) {
                    OtsEsJobs.awaitConverged(client, name, es, name, sync::isAlive, sync::log);
                }
                Map<String, Double> scrape = metrics.scrape();
                for (String name : JOBS) {
                    assertThat(MetricsEndpoint.sum(scrape, "tablesync_records_total", "job=\"" + name + ".json\"", "stage=\"written\""))
                            .as(name + " written").isGreaterThanOrEqualTo(30.0);
                    assertThat(MetricsEndpoint.sum(scrape, "tablesync_bulk_request_seconds_count", "job=\"" + name + ".json\""))
                            .as(name + " bulk requests").isPositive();
                }
                assertThat(scrape.keySet().stream().filter(s -> s.startsWith("tablesync_")))
                        .as("every tablesync series names its job").allMatch(s -> s.contains("job=\""));
                assertThat(count(sync.log(), "HTTP client for " + es.url() + " created")).as("one HTTP client for the endpoint")
                        .isEqualTo(1);
                assertThat(metrics.health().status()).as(metrics.health().body().toString()).isEqualTo(200);

                // multi_b's index now maps name as a number: its documents are rejected, the job stops
                es.http().deleteIndex("multi_b");
                es.http().put("/multi_b", "{\"mappings\":{\"properties\":{\"name\":{\"type\":\"long\"}}}}").expectOk();
                OtsEsJobs.putRows(client, "multi_b", 30, 40);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .failFast("sync exited", () -> !sync.isAlive())
                        .untilAsserted(() -> {
                            MetricsEndpoint.HealthAnswer h = metrics.health();
                            assertThat(h.status()).isEqualTo(503);
                            assertThat(h.body().path("failedJobs").toString()).isEqualTo("[\"multi_b.json\"]");
                        });
                JsonNode health = metrics.health().body();
                assertThat(health.path("problems").get(0).asText()).startsWith("job multi_b.json stopped: ");
                assertThat(health.path("jobs").path("multi_b.json").path("status").asText()).isEqualTo("FAILED");
                assertThat(health.path("jobs").path("multi_a.json").path("status").asText()).isEqualTo("UP");
                assertThat(sync.log()).contains("job multi_b.json stopped: ").contains("2 other job(s) keep running");

                OtsEsJobs.putRows(client, "multi_a", 30, 60);
                OtsEsJobs.putRows(client, "multi_c", 30, 60);
                OtsEsJobs.awaitConverged(client, "multi_a", es, "multi_a", sync::isAlive, sync::log);
                OtsEsJobs.awaitConverged(client, "multi_c", es, "multi_c", sync::isAlive, sync::log);
                assertThat(sync.isAlive()).isTrue();
                assertThat(sync.terminate(Duration.ofSeconds(30))).as("a job failed: exit code 1\n" + sync.log()).isEqualTo(1);
            }
        }
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
