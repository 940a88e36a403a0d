package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tablesync run --metrics-port} of the built distribution: a DataX job's records are counted under
 * the same names as {@code sync}'s while it runs; a port that cannot be bound is refused before the job starts;
 * {@code --help} lists {@code status} and the option.
 */
class RunMetricsIT {
    private static final Path DIST = Path.of(System.getProperty("tablesync.dist", "target/tablesync"));

    @TempDir
    Path dir;

    /** 200,000 records at 40,000 records/s: about 5 s to look at. */
    private Path throttledJob() throws IOException {
        Path job = dir.resolve("throttled.json");
        Files.writeString(job, "{\"core\":{\"transport\":{\"channel\":{\"speed\":{\"record\":40000}}}},"
                + "\"job\":{\"setting\":{\"speed\":{\"channel\":1}},\"content\":[{"
                + "\"reader\":{\"name\":\"streamreader\",\"parameter\":{\"column\":[{\"type\":\"long\",\"value\":\"10\"},"
                + "{\"type\":\"string\",\"value\":\"hello\"}],\"sliceRecordCount\":200000}},"
                + "\"writer\":{\"name\":\"streamwriter\",\"parameter\":{\"print\":false}}}]}}");
        return job;
    }

    private Process start(Path log, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(DIST.resolve("bin/tablesync").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("TABLESYNC_JVM_OPTS", "-Xms128m -Xmx256m");
        return pb.start();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void aRunCountsItsRecordsUnderSyncsNames() throws Exception {
        Path log = dir.resolve("run.log");
        Process run = start(log, "run", throttledJob().toString(), "--metrics-port", "0");
        try {
            MetricsEndpoint metrics = MetricsEndpoint.fromLog(() -> read(log), run::isAlive);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, Double> m = metrics.scrape();
                assertThat(MetricsEndpoint.sum(m, "tablesync_records_total", "stage=\"read\"", "operation=\"upsert\""))
                        .isGreaterThan(0);
                assertThat(MetricsEndpoint.sum(m, "tablesync_records_total", "stage=\"written\"", "operation=\"upsert\""))
                        .isGreaterThan(0);
                assertThat(MetricsEndpoint.sum(m, "tablesync_records_total", "operation=\"delete\"")).isZero();
                assertThat(MetricsEndpoint.sum(m, "tablesync_bytes_total", "stage=\"read\"")).isGreaterThan(0);
                assertThat(m).containsKey("process_uptime_seconds");
            });
            MetricsEndpoint.HealthAnswer health = metrics.health();
            assertThat(health.status()).as(health.body().toString()).isEqualTo(200);
            assertThat(health.body().path("role").asText()).isEqualTo("run");
            assertThat(metrics.statusJson().path("command").asText()).isEqualTo("run");
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as(read(log)).isEqualTo(0);
            assertThat(read(log)).contains("200000"); // DataX's summary: every record read and written
        } finally {
            run.destroyForcibly();
        }
    }

    @Test
    void aPortThatCannotBeBoundIsRefusedBeforeTheJobRuns() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            Path log = dir.resolve("busy.log");
            Process run = start(log, "run", throttledJob().toString(), "--metrics-port", String.valueOf(busy.getLocalPort()));
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).isEqualTo(1);
            assertThat(read(log)).contains("tablesync run: --metrics-port " + busy.getLocalPort() + ": cannot listen there")
                    .doesNotContain("streamreader", "Exception");
        }
    }

    @Test
    void helpListsStatusAndTheMetricsPort() throws Exception {
        Path log = dir.resolve("help.log");
        for (String[] args : new String[][] {{"--help"}, {"sync", "--help"}, {"run", "--help"}, {"status", "--help"}}) {
            Process p = start(log, args);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(0);
        }
        String out = read(log);
        assertThat(out).contains("  status ", "--metrics-port=PORT", "--health-stall=DURATION", "--max-lag=DURATION", "--json");
    }
}
