package io.tablesync.core.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tablesync.core.element.Operation;
import io.tablesync.core.metrics.DirtyReasonMeters;
import io.tablesync.core.metrics.DirtyReasons;
import io.tablesync.core.metrics.Health;
import io.tablesync.core.metrics.HealthRules;
import io.tablesync.core.metrics.History;
import io.tablesync.core.metrics.RunMonitor;
import io.tablesync.core.metrics.SinkMeters;
import io.tablesync.core.metrics.StatusDocument;
import io.tablesync.core.stats.OperationCounts;
import io.tablesync.core.stats.TaskCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * {@code run --metrics-port}: the DataX engine's task counters as the same metrics {@code sync} publishes
 * ({@code tablesync_records_total{stage, operation}}, bytes, dirty records by reason, the writer's request
 * metrics), a {@code /health} that is red only while the sink fails every request for the stall limit, and
 * the status page's totals. A run has no shards: their metrics are absent.
 */
public final class EngineMonitor implements RunMonitor {
    private final Engine engine;
    private final String job;
    private final SinkMeters sink;
    private final HealthRules rules;
    private final MeterRegistry registry;
    private final DirtyReasonMeters dirtyMeters;

    public EngineMonitor(String job, Engine engine, MeterRegistry registry, SinkMeters sink, HealthRules rules) {
        this.job = job;
        this.engine = engine;
        this.registry = registry;
        this.sink = sink;
        this.rules = rules;
        this.dirtyMeters = new DirtyReasonMeters(
                () -> DirtyReasons.sum(engine.counters().stream().map(t -> t.dirtyReasons).toList()), registry);
        engine.telemetry(sink);
        for (Operation op : Operation.values()) {
            String operation = op.name().toLowerCase(Locale.ROOT);
            records("read", operation, t -> t.readSucceedByOperation.get(op));
            records("written", operation, t -> t.writeReceivedByOperation.get(op) - t.writeFailedByOperation.get(op));
            records("dirty", operation, t -> t.readFailedByOperation.get(op) + t.writeFailedByOperation.get(op));
        }
        FunctionCounter.builder("tablesync.bytes", this, m -> m.sum(t -> t.readSucceedBytes.get())).tag("stage", "read")
                .baseUnit("bytes").description("Size of the records read (read) and written (written)").register(registry);
        FunctionCounter.builder("tablesync.bytes", this,
                        m -> m.sum(t -> t.writeReceivedBytes.get() - t.writeFailedBytes.get())).tag("stage", "written")
                .baseUnit("bytes").description("Size of the records read (read) and written (written)").register(registry);
        Gauge.builder("tablesync.healthy", this, m -> m.health(System.currentTimeMillis()).healthy() ? 1 : 0)
                .description("1 while /health answers 200, else 0").strongReference(true).register(registry);
    }

    private void records(String stage, String operation, ToLongFunction<TaskCounters> count) {
        FunctionCounter.builder("tablesync.records", this, m -> m.sum(count)).tag("stage", stage).tag("operation", operation)
                .description("Records read from the source, written to the sink, or rejected as dirty, by operation")
                .register(registry);
    }

    private long sum(ToLongFunction<TaskCounters> f) {
        long n = 0;
        for (TaskCounters t : engine.counters()) {
            n += f.applyAsLong(t);
        }
        return n;
    }

    private long sum(Function<TaskCounters, OperationCounts> counts, Operation op) {
        return sum(t -> counts.apply(t).get(op));
    }

    @Override
    public void refresh() {
        dirtyMeters.refresh();
    }

    @Override
    public Health health(long now) {
        List<String> problems = new ArrayList<>();
        long failing = sink.sink().failingForMillis(now);
        if (failing > 0 && failing >= rules.stall().toMillis()) {
            problems.add(String.format(Locale.ROOT, "sink does not answer (every request failed for %.1f s): %s",
                    failing / 1000.0, sink.sink().lastFailure()));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", problems.isEmpty() ? "UP" : "DOWN");
        body.put("job", job);
        body.put("role", "run");
        body.put("phase", engine.counters().isEmpty() ? "preparing" : "running");
        body.put("up", true);
        ObjectNode end = body.putObject("connected").putObject("sink");
        end.put("ok", sink.sink().connected());
        if (!sink.sink().connected()) {
            end.put("error", sink.sink().lastFailure());
        }
        body.put("progressing", problems.isEmpty());
        ArrayNode list = body.putArray("problems");
        problems.forEach(list::add);
        return new Health(problems.isEmpty(), body);
    }

    @Override
    public ObjectNode status(long now) {
        ObjectNode o = StatusDocument.of("run", job, now, health(now), op -> sum(t -> t.readSucceedByOperation, op),
                op -> sum(t -> t.writeReceivedByOperation, op) - sum(t -> t.writeFailedByOperation, op),
                op -> sum(t -> t.readFailedByOperation, op) + sum(t -> t.writeFailedByOperation, op));
        ObjectNode totals = StatusDocument.totals(o);
        totals.put("bytesRead", sum(t -> t.readSucceedBytes.get()));
        totals.put("bytesWritten", sum(t -> t.writeReceivedBytes.get() - t.writeFailedBytes.get()));
        o.putArray("shards");
        return o;
    }

    @Override
    public History.Sample sample(long now) {
        return new History.Sample(now, sum(t -> t.readSucceedRecords.get()),
                sum(t -> t.writeReceivedRecords.get() - t.writeFailedRecords.get()), 0);
    }
}
