package io.tablesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tablesync.core.element.DefaultRecord;
import io.tablesync.core.element.Operation;
import io.tablesync.core.element.StringColumn;
import io.tablesync.core.metrics.HealthRules;
import io.tablesync.core.metrics.Meters;
import io.tablesync.core.metrics.MetricsServer;
import io.tablesync.core.metrics.SinkMeters;
import io.tablesync.core.metrics.SinkTelemetry;
import io.tablesync.core.source.SplitCheckpoint;
import io.tablesync.core.source.SplitStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code sync --metrics-port} publishes, over a real HTTP port: the exact Prometheus names scripts
 * rely on, with the run's counts; {@code /health} red and green by its rules; the page and its data.
 */
class SyncMonitorTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOUR = 3_600_000;

    private final SyncMetrics metrics = new SyncMetrics();
    private PrometheusMeterRegistry registry;
    private SinkMeters sink;
    private SyncMonitor monitor;
    private MetricsServer server;

    @BeforeEach
    void start() {
        registry = Meters.newRegistry();
        sink = new SinkMeters(registry, System::currentTimeMillis);
        metrics.retentionMillis(24 * HOUR);
        monitor = new SyncMonitor("job.json", metrics, registry, sink, new HealthRules(Duration.ofSeconds(30), Duration.ofHours(6)));
        server = MetricsServer.start(0, registry, monitor);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static DefaultRecord record(Operation op) {
        DefaultRecord r = new DefaultRecord();
        r.addColumn(new StringColumn("abcd"));
        r.setOperation(op);
        return r;
    }

    private void count(SyncMetrics.Stage stage, Operation op, int n) {
        for (int i = 0; i < n; i++) {
            metrics.count(stage, record(op));
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void publishesTheRunsCountsUnderTheNamesScriptsRelyOn() throws Exception {
        count(SyncMetrics.Stage.READ, Operation.UPSERT, 3);
        count(SyncMetrics.Stage.READ, Operation.UPDATE, 2);
        count(SyncMetrics.Stage.READ, Operation.DELETE, 1);
        count(SyncMetrics.Stage.ACKNOWLEDGED, Operation.UPSERT, 3);
        count(SyncMetrics.Stage.ACKNOWLEDGED, Operation.UPDATE, 2);
        count(SyncMetrics.Stage.DIRTY, Operation.UPDATE, 1); // acknowledged as dirty: not written
        metrics.dirty("writer", "mapper_parsing_exception");
        metrics.split("shard-1").status(SplitStatus.READING);
        metrics.split("shard-1").sent(1, System.currentTimeMillis() - 10_000);
        metrics.split("shard-2").status(SplitStatus.FINISHED);
        metrics.split("shard-3").status(SplitStatus.WAITING_FOR_PARENTS);
        SinkTelemetry telemetry = metrics.sinkTelemetry();
        telemetry.request(TimeUnit.MILLISECONDS.toNanos(7), 10, 1000, null);
        telemetry.request(TimeUnit.MILLISECONDS.toNanos(300), 5, 500, null);
        telemetry.retried(SinkTelemetry.RETRY_TOO_MANY_REQUESTS, 4);

        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String text = r.body();
        assertThat(text).contains(
                "tablesync_records_total{operation=\"upsert\",stage=\"read\"} 3.0",
                "tablesync_records_total{operation=\"update\",stage=\"read\"} 2.0",
                "tablesync_records_total{operation=\"delete\",stage=\"read\"} 1.0",
                "tablesync_records_total{operation=\"upsert\",stage=\"written\"} 3.0",
                "tablesync_records_total{operation=\"update\",stage=\"written\"} 1.0",
                "tablesync_records_total{operation=\"delete\",stage=\"written\"} 0.0",
                "tablesync_records_total{operation=\"update\",stage=\"dirty\"} 1.0",
                "tablesync_dirty_records_total{reason=\"mapper_parsing_exception\",side=\"writer\"} 1.0",
                "tablesync_retries_total{reason=\"too_many_requests\"} 4.0",
                "tablesync_retries_total{reason=\"io_error\"} 0.0",
                "tablesync_bulk_request_seconds_bucket{le=\"0.01\"} 1",
                "tablesync_bulk_request_seconds_bucket{le=\"0.5\"} 2",
                "tablesync_bulk_request_seconds_count 2",
                "tablesync_bulk_documents_sum 15.0",
                "tablesync_shards{state=\"reading\"} 1.0",
                "tablesync_shards{state=\"finished\"} 1.0",
                "tablesync_shards{state=\"waiting\"} 1.0",
                "tablesync_checkpoint_age_seconds{shard=\"shard-1\"} 0.0",
                "# TYPE tablesync_bulk_request_seconds histogram",
                "jvm_memory_used_bytes{", "process_cpu_usage", "process_uptime_seconds");
        double lag = value(text, "tablesync_shard_lag_seconds{shard=\"shard-1\"}");
        assertThat(lag).isBetween(10.0, 60.0);
        assertThat(value(text, "tablesync_retention_headroom_seconds{shard=\"shard-1\"}")).isEqualTo(24 * 3600 - lag, org.assertj.core.api.Assertions.within(5.0));
        assertThat(value(text, "tablesync_bytes_total{stage=\"read\"}")).isEqualTo(6 * record(Operation.UPSERT).getByteSize());
    }

    /** The value of one series in the text format. */
    static double value(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError(series + " not in:\n" + text);
    }

    @Test
    void healthTurnsRedWhenAShardIsBehindWithNothingAcknowledgedAndSaysWhich() throws Exception {
        long t0 = System.currentTimeMillis();
        metrics.phase(SyncMetrics.Phase.ACTIVE, "the active writer", t0);
        SplitProgress shard = metrics.split("shard-1");
        shard.status(SplitStatus.READING);
        shard.sent(1, t0 - 1000);
        shard.acknowledged(t0 - 1000);
        shard.committed(t0);
        shard.caughtUp(true);
        assertThat(monitor.health(t0 + 60_000).healthy()).as("caught up, however long ago the last change").isTrue();

        shard.sent(5, t0 + 1000); // 5 records pending, none acknowledged
        shard.caughtUp(false);
        assertThat(monitor.health(t0 + 20_000).healthy()).as("behind for less than the stall limit").isTrue();
        var red = monitor.health(t0 + 31_000);
        assertThat(red.healthy()).isFalse();
        assertThat(red.httpStatus()).isEqualTo(503);
        assertThat(red.body().path("problems").get(0).asText()).as("behind the first change sent after it was caught up")
                .startsWith("shard shard-1 is stuck: 30.0 s behind and nothing acknowledged for 31.0 s (limit 30 s)");
        assertThat(red.body().path("progressing").asBoolean()).isFalse();

        shard.acknowledged(t0 + 1000);
        shard.committed(t0 + 31_500);
        assertThat(monitor.health(t0 + 32_000).healthy()).as("acknowledging again").isTrue();

        // over HTTP with the real clock: a shard 5 h from losing its oldest unwritten change (limit 6 h)
        long now = System.currentTimeMillis();
        SplitProgress old = metrics.split("shard-2");
        old.status(SplitStatus.READING);
        old.sent(1, now - 19 * HOUR);
        old.committed(now);
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("problems").get(0).asText()).contains("shard shard-2: its oldest unwritten change is trimmed"
                + " by the stream's retention in 1800");
        old.acknowledged(now - HOUR);
        r = get("/health");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("connected").path("sink").path("ok").asBoolean()).isTrue();
    }

    @Test
    void anEndThatFailsEveryRequestForTheStallLimitIsDown() {
        long t0 = System.currentTimeMillis();
        metrics.phase(SyncMetrics.Phase.ACTIVE, "the active writer", t0);
        metrics.sinkTelemetry().request(1000, 1, 10, null);
        metrics.sinkTelemetry().request(1000, 1, 10, "Connection refused");
        assertThat(monitor.health(t0 + 10_000).healthy()).isTrue();
        metrics.sinkTelemetry().request(1000, 1, 10, "Connection refused");
        var red = monitor.health(System.currentTimeMillis() + 31_000);
        assertThat(red.healthy()).isFalse();
        assertThat(red.body().path("problems").get(0).asText()).startsWith("sink does not answer").endsWith("Connection refused");
        assertThat(red.body().path("connected").path("sink").path("error").asText()).isEqualTo("Connection refused");
    }

    @Test
    void aStandbyIsHealthyAndAStartingProcessIsNot() {
        assertThat(monitor.health(0).healthy()).isFalse();
        assertThat(monitor.health(0).body().path("problems").get(0).asText()).isEqualTo("starting: loading the job");
        metrics.phase(SyncMetrics.Phase.STANDBY, "waiting for the job's lease", 0);
        assertThat(monitor.health(0).healthy()).isTrue();
        assertThat(monitor.health(0).body().path("role").asText()).isEqualTo("standby");
    }

    @Test
    void lagFallsToZeroOnceCaughtUpAfterAPipelineRestart() {
        long now = System.currentTimeMillis();
        SplitProgress shard = metrics.split("shard-1");
        shard.status(SplitStatus.READING);
        shard.sent(10, now - 5000);
        shard.acknowledged(now - 5000); // 9 never acknowledged: the pipeline failed
        metrics.pipelineStarted(Map.of("shard-1", new SplitCheckpoint("shard-1", "it", false, now - 5000, now - 100, 41)));
        shard.sent(9, now - 4000); // read again by the new pipeline, all acknowledged
        for (int i = 0; i < 9; i++) {
            shard.acknowledged(now - 4000);
        }
        shard.caughtUp(true);
        assertThat(shard.lagMillis(now)).isZero();
        assertThat(shard.checkpointRecords()).isEqualTo(41);
        assertThat(shard.checkpointEventMillis()).isEqualTo(now - 5000);
    }

    @Test
    void servesThePageAndItsData() throws Exception {
        count(SyncMetrics.Stage.READ, Operation.DELETE, 2);
        metrics.split("shard-1").status(SplitStatus.READING);
        Thread.sleep(50); // the first history sample is taken at start
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>tablesync status</title>").doesNotContain("http://", "https://", "<link");
        JsonNode status = JSON.readTree(get("/status.json").body());
        assertThat(status.path("totals").path("read").path("delete").asLong()).isEqualTo(2);
        assertThat(status.path("shards").get(0).path("state").asText()).isEqualTo("reading");
        assertThat(status.path("history").size()).isGreaterThanOrEqualTo(1);
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void errorTextsInTheAnswersCarryNoSecret() throws Exception {
        io.tablesync.core.config.SecretMasker.register(java.util.List.of("s3cr3t-in-a-message"));
        metrics.phase(SyncMetrics.Phase.STARTING, "preparing the writer failed: bad password s3cr3t-in-a-message; retrying", 0);
        metrics.source().failed(System.currentTimeMillis(), "http://user:s3cr3t-in-a-message@host refused");
        assertThat(get("/health").body()).contains("preparing the writer failed").doesNotContain("s3cr3t-in-a-message");
        assertThat(get("/status.json").body()).contains("refused").doesNotContain("s3cr3t-in-a-message");
    }

    @Test
    void aBusyPortIsRefusedWithAMessage() {
        int busy = server.port();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MetricsServer.start(busy, registry, monitor))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--metrics-port " + busy + ": cannot listen there");
    }
}
