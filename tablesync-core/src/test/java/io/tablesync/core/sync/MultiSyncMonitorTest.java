package io.tablesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tablesync.core.element.DefaultRecord;
import io.tablesync.core.element.StringColumn;
import io.tablesync.core.metrics.Health;
import io.tablesync.core.metrics.HealthRules;
import io.tablesync.core.metrics.Meters;
import io.tablesync.core.metrics.SinkMeters;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Several jobs behind one metrics port: series apart by job, one health that names the job that stopped. */
class MultiSyncMonitorTest {
    private final PrometheusMeterRegistry registry = Meters.newRegistry();
    private final HealthRules rules = new HealthRules(Duration.ofSeconds(30), Duration.ofHours(6));

    private SyncMonitor monitor(String job, SyncMetrics metrics) {
        Tags tags = Tags.of("job", job);
        return new SyncMonitor(job, metrics, registry, new SinkMeters(registry, System::currentTimeMillis, tags), rules, tags);
    }

    @Test
    void seriesCarryTheirJobAndAStoppedJobTurnsHealthRedByName() {
        SyncMetrics a = new SyncMetrics();
        SyncMetrics b = new SyncMetrics();
        long now = System.currentTimeMillis();
        a.phase(SyncMetrics.Phase.ACTIVE, "the active writer", now);
        b.phase(SyncMetrics.Phase.ACTIVE, "the active writer", now);
        DefaultRecord r = new DefaultRecord();
        r.addColumn(new StringColumn("x"));
        a.count(SyncMetrics.Stage.READ, r);
        a.count(SyncMetrics.Stage.READ, r);
        b.count(SyncMetrics.Stage.READ, r);
        AtomicReference<String> bFailure = new AtomicReference<>();
        MultiSyncMonitor multi = new MultiSyncMonitor(List.of(
                new MultiSyncMonitor.Job("a.json", monitor("a.json", a), () -> null),
                new MultiSyncMonitor.Job("b.json", monitor("b.json", b), bFailure::get)));

        String scrape = registry.scrape();
        assertThat(scrape).contains("tablesync_records_total{job=\"a.json\",operation=\"upsert\",stage=\"read\"} 2.0")
                .contains("tablesync_records_total{job=\"b.json\",operation=\"upsert\",stage=\"read\"} 1.0");
        assertThat(scrape.lines().filter(l -> l.startsWith("tablesync_"))).allMatch(l -> l.contains("job=\""));
        assertThat(multi.health(now).healthy()).isTrue();
        assertThat(multi.status(now).path("totals").path("read").path("upsert").asLong()).isEqualTo(3);
        assertThat(multi.sample(now).read()).isEqualTo(3);

        bFailure.set("index [b] rejected the documents");
        Health h = multi.health(now);
        assertThat(h.healthy()).isFalse();
        assertThat(h.httpStatus()).isEqualTo(503);
        assertThat(h.body().path("failedJobs").toString()).isEqualTo("[\"b.json\"]");
        assertThat(h.body().path("problems").get(0).asText()).isEqualTo("job b.json stopped: index [b] rejected the documents");
        assertThat(h.body().path("jobs").path("b.json").path("status").asText()).isEqualTo("FAILED");
        assertThat(h.body().path("jobs").path("a.json").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void aJobThatIsNotHealthyIsNamedInTheProblems() {
        SyncMetrics a = new SyncMetrics();
        SyncMetrics starting = new SyncMetrics();
        long now = System.currentTimeMillis();
        a.phase(SyncMetrics.Phase.ACTIVE, "the active writer", now);
        MultiSyncMonitor multi = new MultiSyncMonitor(List.of(
                new MultiSyncMonitor.Job("a.json", monitor("a.json", a), () -> null),
                new MultiSyncMonitor.Job("c.json", monitor("c.json", starting), () -> null)));
        Health h = multi.health(now);
        assertThat(h.healthy()).isFalse();
        assertThat(h.body().path("problems").get(0).asText()).isEqualTo("job c.json: starting: loading the job");
        assertThat(h.body().path("failedJobs").size()).isZero();
    }
}
