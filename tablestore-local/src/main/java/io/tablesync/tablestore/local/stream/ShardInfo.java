package io.tablesync.tablestore.local.stream;

import java.util.Arrays;

/**
 * A shard of a stream. It owns the routing keys in [start, end) (null = unbounded): partition-key hashes for a
 * stream with hash routing, encoded partition keys for one whose shards follow the table's partitions. A closed
 * shard takes no new records; its children own its range.
 *
 * @param no store-wide number under which the shard's records are kept
 * @param firstOffset trim horizon: offsets below it were removed by stream expiration
 * @param closedAtMicros when the shard was closed by a split or merge, 0 while open
 */
public record ShardInfo(String id, long no, String parentId, String parentSiblingId, byte[] start, byte[] end,
                        boolean closed, long firstOffset, long closedAtMicros) {

    /** Whether this open shard owns the routing key. */
    public boolean owns(byte[] routingKey) {
        return !closed && (start == null || Arrays.compareUnsigned(routingKey, start) >= 0)
                && (end == null || Arrays.compareUnsigned(routingKey, end) < 0);
    }

    ShardInfo close(long atMicros) {
        return new ShardInfo(id, no, parentId, parentSiblingId, start, end, true, firstOffset, atMicros);
    }

    ShardInfo trimmedTo(long offset) {
        return new ShardInfo(id, no, parentId, parentSiblingId, start, end, closed, offset, closedAtMicros);
    }
}
