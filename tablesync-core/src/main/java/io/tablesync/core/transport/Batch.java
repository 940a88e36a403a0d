package io.tablesync.core.transport;

import io.tablesync.core.element.Record;

/** Records moved through a channel together, with their sizes computed once by the sender. */
final class Batch {
    final Record[] records;
    final int size;
    final long bytes;
    final long memory;

    Batch(Record[] records, int size, long bytes, long memory) {
        this.records = records;
        this.size = size;
        this.bytes = bytes;
        this.memory = memory;
    }
}
