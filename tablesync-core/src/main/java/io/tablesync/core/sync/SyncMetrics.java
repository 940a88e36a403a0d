package io.tablesync.core.sync;

import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import io.tablesync.core.metrics.EndpointState;
import io.tablesync.core.metrics.DirtyReasons;
import io.tablesync.core.metrics.SinkTelemetry;
import io.tablesync.core.source.SplitCheckpoint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a continuous run has done, for the status line, {@code status} and metrics: records and bytes
 * by stage and operation, dirty records by reason, each split's progress, whether the source answers,
 * and where the runner stands. Outlives pipeline restarts, so totals are totals of the process.
 */
public final class SyncMetrics {
    /** Where a record was counted. */
    public enum Stage { READ, ACKNOWLEDGED, DIRTY }

    /** Where the runner stands, for {@code /health} and the status page. */
    public enum Phase { STARTING, STANDBY, ACTIVE, STOPPED }

    private final LongAdder[][] records = new LongAdder[Stage.values().length][Operation.values().length];
    private final LongAdder[] bytes = new LongAdder[Stage.values().length];
    private final Map<String, SplitProgress> splits = new ConcurrentHashMap<>();
    private final DirtyReasons dirtyReasons = new DirtyReasons();
    private final LongAdder restarts = new LongAdder();
    private final EndpointState source = new EndpointState();
    private volatile SinkTelemetry sinkTelemetry = SinkTelemetry.NONE;
    private volatile Phase phase = Phase.STARTING;
    private volatile String phaseDetail = "loading the job";
    private volatile long activeSinceMillis = -1;
    private volatile long retentionMillis = -1;

    public SyncMetrics() {
        for (LongAdder[] row : records) {
            for (int i = 0; i < row.length; i++) {
                row[i] = new LongAdder();
            }
        }
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = new LongAdder();
        }
    }

    void count(Stage stage, Record r) {
        records[stage.ordinal()][operation(r).ordinal()].increment();
        bytes[stage.ordinal()].add(r.getByteSize());
    }

    /** Records counted at a stage for an operation. */
    public long records(Stage stage, Operation op) {
        return records[stage.ordinal()][op.ordinal()].sum();
    }

    public long records(Stage stage) {
        long sum = 0;
        for (LongAdder a : records[stage.ordinal()]) {
            sum += a.sum();
        }
        return sum;
    }

    /** Bytes of the records counted at a stage (the records' own size estimate, as DataX's byte counters). */
    public long bytes(Stage stage) {
        return bytes[stage.ordinal()].sum();
    }

    /** Written = acknowledged by the sink and not rejected as dirty. */
    public long written(Operation op) {
        return records(Stage.ACKNOWLEDGED, op) - records(Stage.DIRTY, op);
    }

    /** Records written (all operations). */
    public long written() {
        long sum = 0;
        for (Operation op : Operation.values()) {
            sum += written(op);
        }
        return sum;
    }

    void dirty(String side, String reason) {
        dirtyReasons.count(side, reason);
    }

    /** Dirty records by side and reason. */
    public DirtyReasons dirtyReasons() {
        return dirtyReasons;
    }

    SplitProgress split(String id) {
        return splits.computeIfAbsent(id, SplitProgress::new);
    }

    /** Every split seen by this process, by id. */
    public Map<String, SplitProgress> splits() {
        return splits;
    }

    void restarted() {
        restarts.increment();
    }

    /** How often the pipeline started over after a transient failure. */
    public long restarts() {
        return restarts.sum();
    }

    /**
     * A new pipeline starts from these stored checkpoints: records the previous one sent but never got
     * acknowledged are read again, not pending.
     */
    void pipelineStarted(Map<String, SplitCheckpoint> restored) {
        splits.values().forEach(SplitProgress::forgetInFlight);
        restored.forEach((id, cp) -> split(id).restored(cp));
    }

    /** Whether the source answered its last request. */
    public EndpointState source() {
        return source;
    }

    /** Where the writer tasks record request latencies and retries (the metrics server installs its own). */
    public SinkTelemetry sinkTelemetry() {
        return sinkTelemetry;
    }

    public void sinkTelemetry(SinkTelemetry telemetry) {
        this.sinkTelemetry = telemetry;
    }

    void phase(Phase p, String detail, long nowMillis) {
        if (p == Phase.ACTIVE && phase != Phase.ACTIVE) {
            activeSinceMillis = nowMillis;
        }
        phase = p;
        phaseDetail = detail;
    }

    public Phase phase() {
        return phase;
    }

    /** What the runner is doing or waiting for (e.g. "preparing the writer failed: …, retrying"). */
    public String phaseDetail() {
        return phaseDetail;
    }

    /** When this process last became the active writer, or -1. */
    public long activeSinceMillis() {
        return activeSinceMillis;
    }

    void retentionMillis(long millis) {
        retentionMillis = millis;
    }

    /** How long the source keeps a change, or -1 when it does not say. */
    public long retentionMillis() {
        return retentionMillis;
    }

    private static Operation operation(Record r) {
        Operation op = r.getOperation();
        return op == null ? Operation.UPSERT : op;
    }

}
