package io.tablesync.core.sync;

import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a continuous run has done, for the status line, {@code status} and metrics: records by
 * stage and operation, and each split's progress. Outlives pipeline restarts, so totals are totals
 * of the process.
 */
public final class SyncMetrics {
    /** Where a record was counted. */
    public enum Stage { READ, ACKNOWLEDGED, DIRTY }

    private final LongAdder[][] records = new LongAdder[Stage.values().length][Operation.values().length];
    private final Map<String, SplitProgress> splits = new ConcurrentHashMap<>();
    private final LongAdder restarts = new LongAdder();

    public SyncMetrics() {
        for (LongAdder[] row : records) {
            for (int i = 0; i < row.length; i++) {
                row[i] = new LongAdder();
            }
        }
    }

    void count(Stage stage, Record r) {
        records[stage.ordinal()][operation(r).ordinal()].increment();
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

    /** Written = acknowledged by the sink and not rejected as dirty. */
    public long written(Operation op) {
        return records(Stage.ACKNOWLEDGED, op) - records(Stage.DIRTY, op);
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

    private static Operation operation(Record r) {
        Operation op = r.getOperation();
        return op == null ? Operation.UPSERT : op;
    }
}
