package io.tablesync.core.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tablesync.core.element.Operation;
import io.tablesync.core.metrics.DirtyReasonMeters;
import io.tablesync.core.metrics.EndpointState;
import io.tablesync.core.metrics.Health;
import io.tablesync.core.metrics.HealthRules;
import io.tablesync.core.metrics.History;
import io.tablesync.core.metrics.RunMonitor;
import io.tablesync.core.metrics.StatusDocument;
import io.tablesync.core.metrics.SinkMeters;
import io.tablesync.core.source.SplitStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * {@code sync}'s metrics, health and status page, read from its {@link SyncMetrics} (which the run
 * counts anyway): the meters are functions over those counters, so serving metrics adds nothing to
 * the per-record path. Stage ACKNOWLEDGED − DIRTY is published as {@code stage="written"}.
 */
public final class SyncMonitor implements RunMonitor {
    private final SyncMetrics metrics;
    private final MeterRegistry registry;
    private final SinkMeters sink;
    private final HealthRules rules;
    private final String job;
    private final Set<String> splitsWithMeters = ConcurrentHashMap.newKeySet();
    private final DirtyReasonMeters dirtyMeters;
    private final Tags tags;

    /** Binds the run's meters into {@code registry} and has its writer tasks report to {@code sink}. */
    public SyncMonitor(String job, SyncMetrics metrics, MeterRegistry registry, SinkMeters sink, HealthRules rules) {
        this(job, metrics, registry, sink, rules, Tags.empty());
    }

    /**
     * As above, with {@code tags} on every meter: {@code job=<name>} keeps the series of several jobs of one
     * process apart (give {@code sink} the same tags).
     */
    public SyncMonitor(String job, SyncMetrics metrics, MeterRegistry registry, SinkMeters sink, HealthRules rules, Tags tags) {
        this.tags = tags;
        this.job = job;
        this.metrics = metrics;
        this.registry = registry;
        this.sink = sink;
        this.rules = rules;
        this.dirtyMeters = new DirtyReasonMeters(metrics.dirtyReasons()::snapshot, registry, tags);
        metrics.sinkTelemetry(sink);
        bind();
    }

    private void bind() {
        for (Operation op : Operation.values()) {
            String operation = op.name().toLowerCase(Locale.ROOT);
            records("read", operation, m -> m.records(SyncMetrics.Stage.READ, op));
            records("written", operation, m -> m.written(op));
            records("dirty", operation, m -> m.records(SyncMetrics.Stage.DIRTY, op));
        }
        FunctionCounter.builder("tablesync.bytes", metrics, m -> m.bytes(SyncMetrics.Stage.READ)).tag("stage", "read")
                .baseUnit("bytes").description("Size of the records read from the source").tags(tags).register(registry);
        FunctionCounter.builder("tablesync.bytes", metrics,
                        m -> m.bytes(SyncMetrics.Stage.ACKNOWLEDGED) - m.bytes(SyncMetrics.Stage.DIRTY)).tag("stage", "written")
                .baseUnit("bytes").description("Size of the records the sink acknowledged").tags(tags).register(registry);
        FunctionCounter.builder("tablesync.restarts", metrics, SyncMetrics::restarts)
                .description("Times the pipeline started over from its checkpoints after a transient failure").tags(tags).register(registry);
        for (String state : List.of("waiting", "reading", "finished")) {
            Gauge.builder("tablesync.shards", metrics, m -> shards(m, state)).tag("state", state)
                    .description("Shards by state: waiting for parents, reading, finished").strongReference(true)
                    .tags(tags).register(registry);
        }
        Gauge.builder("tablesync.healthy", this, s -> s.health(System.currentTimeMillis()).healthy() ? 1 : 0)
                .description("1 while /health answers 200, else 0").strongReference(true).tags(tags).register(registry);
        Gauge.builder("tablesync.active", metrics, m -> m.phase() == SyncMetrics.Phase.ACTIVE ? 1 : 0)
                .description("1 while this process holds the job's lease and writes, 0 as a standby").strongReference(true)
                .tags(tags).register(registry);
        refresh();
    }

    private void records(String stage, String operation, ToDoubleFunction<SyncMetrics> count) {
        FunctionCounter.builder("tablesync.records", metrics, count).tag("stage", stage).tag("operation", operation)
                .description("Records read from the source, written to the sink, or rejected as dirty, by operation")
                .tags(tags).register(registry);
    }

    private static double shards(SyncMetrics m, String state) {
        return m.splits().values().stream().filter(s -> state.equals(stateName(s.status()))).count();
    }

    static String stateName(SplitStatus s) {
        return switch (s) {
            case WAITING_FOR_PARENTS, READY -> "waiting";
            case READING -> "reading";
            case FINISHED -> "finished";
        };
    }

    @Override
    public void refresh() {
        for (SplitProgress p : metrics.splits().values()) {
            if (splitsWithMeters.add(p.id())) {
                Gauge.builder("tablesync.shard.lag", p, s -> s.lagMillis(System.currentTimeMillis()) / 1000.0)
                        .tag("shard", p.id()).baseUnit("seconds").strongReference(true)
                        .description("Now minus the source time of the newest change the sink acknowledged; 0 when caught up")
                        .tags(tags).register(registry);
                Gauge.builder("tablesync.checkpoint.age", p, s -> s.checkpointAgeMillis(System.currentTimeMillis()) / 1000.0)
                        .tag("shard", p.id()).baseUnit("seconds").strongReference(true)
                        .description("How long acknowledged progress has waited for its checkpoint write; 0 when current")
                        .tags(tags).register(registry);
                if (metrics.retentionMillis() > 0) {
                    Gauge.builder("tablesync.retention.headroom", p,
                                    s -> s.retentionHeadroomMillis(System.currentTimeMillis(), metrics.retentionMillis()) / 1000.0)
                            .tag("shard", p.id()).baseUnit("seconds").strongReference(true)
                            .description("How long until the oldest change not yet written is trimmed by the stream's retention")
                            .tags(tags).register(registry);
                }
            }
        }
        dirtyMeters.refresh();
    }

    @Override
    public Health health(long now) {
        List<String> problems = new ArrayList<>();
        SyncMetrics.Phase phase = metrics.phase();
        switch (phase) {
            case STARTING -> problems.add("starting: " + metrics.phaseDetail());
            case STOPPED -> problems.add("stopping");
            case STANDBY, ACTIVE -> { }
        }
        long stall = rules.stall().toMillis();
        long headroomLimit = headroomLimit();
        if (phase == SyncMetrics.Phase.ACTIVE) {
            for (SplitProgress s : sorted()) {
                if (s.status() != SplitStatus.READING) {
                    continue;
                }
                long lag = s.lagMillis(now);
                long quietFor = now - Math.max(s.lastCommittedAtMillis(), metrics.activeSinceMillis());
                if (lag > 0 && quietFor >= stall) {
                    problems.add(String.format(Locale.ROOT, "shard %s is stuck: %.1f s behind and nothing acknowledged for"
                            + " %.1f s (limit %d s)", s.id(), lag / 1000.0, quietFor / 1000.0, stall / 1000));
                }
                if (headroomLimit > 0) {
                    long headroom = s.retentionHeadroomMillis(now, metrics.retentionMillis());
                    if (headroom < headroomLimit) {
                        problems.add(String.format(Locale.ROOT, "shard %s: its oldest unwritten change is trimmed by the"
                                + " stream's retention in %.1f s (under %d s)", s.id(), headroom / 1000.0, headroomLimit / 1000));
                    }
                }
            }
            down("source", metrics.source(), now, stall, problems);
            down("sink", sink.sink(), now, stall, problems);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", problems.isEmpty() ? "UP" : "DOWN");
        body.put("job", job);
        body.put("role", phase == SyncMetrics.Phase.STANDBY ? "standby" : phase == SyncMetrics.Phase.ACTIVE ? "active"
                : phase.name().toLowerCase(Locale.ROOT));
        body.put("phase", metrics.phaseDetail());
        body.put("up", true);
        ObjectNode connected = body.putObject("connected");
        connected.set("source", endpoint(metrics.source(), now));
        connected.set("sink", endpoint(sink.sink(), now));
        body.put("progressing", problems.stream().noneMatch(p -> p.contains("is stuck")));
        body.put("maxLagSeconds", maxLagMillis(now) / 1000.0);
        body.put("stallLimitSeconds", stall / 1000);
        if (headroomLimit > 0) {
            body.put("minRetentionHeadroomSeconds", headroomLimit / 1000);
        }
        ArrayNode list = body.putArray("problems");
        problems.forEach(list::add);
        return new Health(problems.isEmpty(), body);
    }

    /** The headroom rule, or 0 when the source has no retention; at most half the retention, so it can be met. */
    private long headroomLimit() {
        long retention = metrics.retentionMillis();
        return retention <= 0 ? 0 : Math.min(rules.minHeadroom().toMillis(), retention / 2);
    }

    private static void down(String name, EndpointState end, long now, long stall, List<String> problems) {
        long failing = end.failingForMillis(now);
        if (failing > 0 && failing >= stall) {
            problems.add(String.format(Locale.ROOT, "%s does not answer (every request failed for %.1f s): %s", name,
                    failing / 1000.0, end.lastFailure()));
        }
    }

    private static ObjectNode endpoint(EndpointState end, long now) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ok", end.connected());
        if (end.lastOkMillis() >= 0) {
            o.put("lastAnswerAgeSeconds", (now - end.lastOkMillis()) / 1000.0);
        }
        if (!end.connected()) {
            o.put("error", end.lastFailure());
        }
        return o;
    }

    private long maxLagMillis(long now) {
        long max = 0;
        for (SplitProgress s : metrics.splits().values()) {
            max = Math.max(max, s.lagMillis(now));
        }
        return max;
    }

    private List<SplitProgress> sorted() {
        List<SplitProgress> out = new ArrayList<>(metrics.splits().values());
        out.sort(Comparator.comparing(SplitProgress::id));
        return out;
    }

    @Override
    public ObjectNode status(long now) {
        ObjectNode o = StatusDocument.of("sync", job, now, health(now), op -> metrics.records(SyncMetrics.Stage.READ, op),
                metrics::written, op -> metrics.records(SyncMetrics.Stage.DIRTY, op));
        ObjectNode totals = StatusDocument.totals(o);
        totals.put("bytesRead", metrics.bytes(SyncMetrics.Stage.READ));
        totals.put("bytesWritten", metrics.bytes(SyncMetrics.Stage.ACKNOWLEDGED) - metrics.bytes(SyncMetrics.Stage.DIRTY));
        totals.put("restarts", metrics.restarts());
        ArrayNode shards = o.putArray("shards");
        for (SplitProgress s : sorted()) {
            ObjectNode row = shards.addObject();
            row.put("shard", s.id());
            row.put("state", stateName(s.status()));
            if (s.checkpointEventMillis() >= 0) {
                row.put("checkpointTime", s.checkpointEventMillis());
            }
            row.put("lagSeconds", s.lagMillis(now) / 1000.0);
            if (s.checkpointRecords() >= 0) {
                row.put("records", s.checkpointRecords());
            }
            if (s.checkpointedAtMillis() >= 0) {
                row.put("lastCommitAgeSeconds", (now - s.checkpointedAtMillis()) / 1000.0);
            }
            row.put("checkpointAgeSeconds", s.checkpointAgeMillis(now) / 1000.0);
            if (metrics.retentionMillis() > 0) {
                row.put("retentionHeadroomSeconds", s.retentionHeadroomMillis(now, metrics.retentionMillis()) / 1000.0);
            }
        }
        return o;
    }

    @Override
    public History.Sample sample(long now) {
        return new History.Sample(now, metrics.records(SyncMetrics.Stage.READ), metrics.written(), maxLagMillis(now));
    }
}
