package io.tablesync.core.stats;

import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import java.util.concurrent.atomic.AtomicLongArray;

/** Records counted by operation (a record without one is an UPSERT, as DataX's records are). */
public final class OperationCounts {
    private final AtomicLongArray counts = new AtomicLongArray(Operation.values().length);

    /** Adds per-operation counts indexed by {@link Operation} ordinal; zeros cost nothing. */
    public void add(int[] byOrdinal) {
        for (int i = 0; i < byOrdinal.length; i++) {
            if (byOrdinal[i] != 0) {
                counts.addAndGet(i, byOrdinal[i]);
            }
        }
    }

    public void add(Record r) {
        Operation op = r.getOperation();
        counts.incrementAndGet(op == null ? 0 : op.ordinal());
    }

    public long get(Operation op) {
        return counts.get(op.ordinal());
    }
}
