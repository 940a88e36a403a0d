package io.tablesync.core.element;

/**
 * Where a record came from in its source: a partition (a Tablestore shard) and a sequence number
 * that the reader assigns in strictly increasing order within that partition. Readers extend it to
 * carry what they need to resume (an iterator). The engine only uses partition and sequence to
 * work out the highest contiguously acknowledged position (see {@code io.tablesync.core.ack}).
 */
public interface Position {
    String partition();

    long sequence();
}
