package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alicloud.openservices.tablestore.SyncClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page of a real {@code bin/tablesync sync --metrics-port}, loaded in a real headless Chromium
 * while the sync runs: the numbers it renders (records by stage and operation, each shard's state and
 * lag) are the ones {@code /metrics} reports, and a screenshot is kept as a build artifact
 * ({@code target/artifacts/status-page.png}). The distribution's Grafana dashboard queries only metrics the
 * process exports.
 */
class StatusPageIT {
    private static final String INDEX = "status_page_it";
    private static final Pattern METRIC_CELL = Pattern.compile("data-metric=\"([a-z]+)-([a-z]+)\">([^<]*)<");
    private static final Pattern SHARD_CELL = Pattern.compile("data-shard=\"([^\"]+)\" data-field=\"([a-zA-Z]+)\"[^>]*>([^<]*)<");

    @TempDir
    Path dir;

    /** Every metric the distribution's Grafana dashboard queries is one the process exports. */
    private static void assertDashboardQueriesExportedMetrics(Map<String, Double> scrape) throws Exception {
        Path dashboard = Path.of(System.getProperty("tablesync.dist")).resolve("conf/grafana/tablesync.json");
        JsonNode panels = new ObjectMapper().readTree(dashboard.toFile()).path("panels");
        assertThat(panels.size()).isGreaterThan(10);
        Set<String> exported = new TreeSet<>();
        scrape.keySet().forEach(series -> exported.add(series.replaceAll("\\{.*", "")));
        Pattern metric = Pattern.compile("\\b(?:tablesync|jvm|process)_[a-z_]+");
        int queries = 0;
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = metric.matcher(target.path("expr").asText());
                while (m.find()) {
                    queries++;
                    if (m.group().equals("tablesync_dirty_records_total")) {
                        continue; // its series (one per side and reason) appear with the first dirty record
                    }
                    assertThat(exported).as(panel.path("title").asText()).contains(m.group());
                }
            }
        }
        assertThat(queries).isGreaterThan(15);
    }

    @Test
    void thePageShowsWhatMetricsSayInARealBrowser() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find(dir); // fails, not skips, when there is none
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        try (TablestoreLocal ots = TablestoreLocal.start(b -> b.shards(2))) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            es.http().deleteIndex(INDEX);
            Path job = dir.resolve("job.json");
            Files.writeString(job, SeedDemo.seedJob(ots, es, INDEX));
            KnownWork work = new KnownWork(client);
            work.run(200, 50, 30);
            try (SyncProcess sync = SyncProcess.start(job, dir, "sync", "--metrics-port", "0")) {
                MetricsEndpoint metrics = MetricsEndpoint.of(sync);
                SyncIT.awaitConverged(client, es, INDEX, sync);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        MetricsEndpoint.sum(metrics.scrape(), "tablesync_records_total", "stage=\"written\"")).isEqualTo(work.total()));

                String dom = chromium.dumpDom(metrics.url("/"), 5000);
                Map<String, Double> scrape = metrics.scrape(); // idle now: the same numbers the page fetched
                assertThat(dom).as(dom).contains("data-loaded=\"true\"").contains("<canvas id=\"throughput\"");
                Map<String, String> cells = new LinkedHashMap<>();
                Matcher m = METRIC_CELL.matcher(dom);
                while (m.find()) {
                    cells.put(m.group(1) + "-" + m.group(2), m.group(3));
                }
                for (String stage : new String[] {"read", "written", "dirty"}) {
                    for (String op : new String[] {"upsert", "update", "delete"}) {
                        double expected = MetricsEndpoint.sum(scrape, "tablesync_records_total", "stage=\"" + stage + "\"",
                                "operation=\"" + op + "\"");
                        assertThat(cells.get(stage + "-" + op)).as(stage + " " + op).isEqualTo(String.valueOf((long) expected));
                    }
                    assertThat(cells.get(stage + "-all")).as(stage).isEqualTo(String.valueOf((long)
                            MetricsEndpoint.sum(scrape, "tablesync_records_total", "stage=\"" + stage + "\"")));
                }
                assertThat(cells.get("written-upsert")).isEqualTo(String.valueOf(work.upserts));

                Map<String, Map<String, String>> shards = new LinkedHashMap<>();
                Matcher s = SHARD_CELL.matcher(dom);
                while (s.find()) {
                    shards.computeIfAbsent(s.group(1), k -> new LinkedHashMap<>()).put(s.group(2), s.group(3));
                }
                assertThat(shards).hasSize(2);
                shards.forEach((shard, fields) -> {
                    assertThat(fields.get("state")).isEqualTo("reading");
                    assertThat(Double.parseDouble(fields.get("lag")))
                            .isEqualTo(scrape.get("tablesync_shard_lag_seconds{job=\"job.json\",shard=\"" + shard + "\"}"));
                    assertThat(fields.get("checkpointTime")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
                });
                assertThat(dom).contains("class=\"badge UP\"");

                Path png = Path.of(System.getProperty("tablesync.dist")).getParent().resolve("artifacts/status-page.png");
                chromium.screenshot(metrics.url("/"), png, 5000);
                byte[] image = Files.readAllBytes(png);
                assertThat(image.length).as("a screenshot with content").isGreaterThan(10_000);
                assertThat(new String(image, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
                System.out.println("status page screenshot: " + png);
                assertDashboardQueriesExportedMetrics(scrape);
                assertThat(sync.terminate(Duration.ofSeconds(15))).as(sync.log()).isEqualTo(0);
            }
        }
    }
}
