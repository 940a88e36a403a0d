package io.tablesync.core.transport;

import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;

/** Records moved through a channel together, with their sizes computed once by the sender. */
final class Batch {
    final Record[] records;
    final int size;
    final long bytes;
    final long memory;
    private int[] operations;

    Batch(Record[] records, int size, long bytes, long memory) {
        this.records = records;
        this.size = size;
        this.bytes = bytes;
        this.memory = memory;
    }

    /**
     * Records by {@link Operation} ordinal (none counts as UPSERT), counted on first use: only when metrics
     * are served. Counted by the pushing thread before the batch is queued, so the puller sees the counts.
     */
    int[] operations() {
        if (operations == null) {
            int[] counts = new int[Operation.values().length];
            for (int i = 0; i < size; i++) {
                Operation op = records[i].getOperation();
                counts[op == null ? 0 : op.ordinal()]++;
            }
            operations = counts;
        }
        return operations;
    }
}
