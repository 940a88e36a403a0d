package io.tablesync.core.transport;

import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;

/** Records moved through a channel together, with their sizes and operations counted once by the sender. */
final class Batch {
    final Record[] records;
    final int size;
    final long bytes;
    final long memory;
    /** Records by {@link Operation} ordinal (no operation counts as UPSERT). */
    final int[] operations = new int[Operation.values().length];

    Batch(Record[] records, int size, long bytes, long memory) {
        this.records = records;
        this.size = size;
        this.bytes = bytes;
        this.memory = memory;
        for (int i = 0; i < size; i++) {
            Operation op = records[i].getOperation();
            operations[op == null ? 0 : op.ordinal()]++;
        }
    }
}
