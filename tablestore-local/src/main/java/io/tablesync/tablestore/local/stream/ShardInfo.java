package io.tablesync.tablestore.local.stream;

/**
 * A shard of a stream: it owns the partition-key hash range [hashStart, hashEnd). A closed shard takes no new
 * records; its children own its range.
 *
 * @param firstOffset trim horizon: offsets below it were removed by stream expiration
 * @param closedAtMicros when the shard was closed by a split or merge, 0 while open
 */
public record ShardInfo(String id, String parentId, String parentSiblingId, long hashStart, long hashEnd,
                        boolean closed, long firstOffset, long closedAtMicros) {

    public boolean owns(long hash) {
        return !closed && hash >= hashStart && hash < hashEnd;
    }

    ShardInfo close(long atMicros) {
        return new ShardInfo(id, parentId, parentSiblingId, hashStart, hashEnd, true, firstOffset, atMicros);
    }

    ShardInfo trimmedTo(long offset) {
        return new ShardInfo(id, parentId, parentSiblingId, hashStart, hashEnd, closed, offset, closedAtMicros);
    }
}
