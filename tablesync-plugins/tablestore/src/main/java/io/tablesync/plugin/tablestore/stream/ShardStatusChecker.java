package io.tablesync.plugin.tablestore.stream;

import io.tablesync.plugin.tablestore.checkpoint.CheckpointRow;
import java.util.HashMap;
import java.util.Map;

/**
 * Classifies shards for parent-first reading: a child is read only after all its parents reached
 * SHARD_END, because records of one key move from parent to child at the split/merge, and reading
 * the child first would reorder that key's changes.
 */
public final class ShardStatusChecker {
    private final Map<String, ShardInfo> allShards;
    private final Map<String, CheckpointRow> endCheckpoints;
    private final Map<String, ShardStatus> memo = new HashMap<>();

    /**
     * @param allShards      every shard of the job, by id
     * @param endCheckpoints checkpoints already written at the window end, by shard id
     */
    public ShardStatusChecker(Map<String, ShardInfo> allShards, Map<String, CheckpointRow> endCheckpoints) {
        this.allShards = allShards;
        this.endCheckpoints = endCheckpoints;
    }

    public ShardStatus status(String shardId) {
        ShardStatus known = memo.get(shardId);
        if (known != null) {
            return known;
        }
        ShardStatus s = compute(shardId);
        memo.put(shardId, s);
        return s;
    }

    private ShardStatus compute(String shardId) {
        CheckpointRow cp = endCheckpoints.get(shardId);
        if (cp != null) {
            return cp.isShardEnd() ? ShardStatus.DONE_REACH_END : ShardStatus.DONE_NOT_END;
        }
        ShardInfo shard = allShards.get(shardId);
        if (shard == null) {
            // A parent that is no longer listed expired long ago: nothing of it is left to read.
            return ShardStatus.DONE_REACH_END;
        }
        ShardStatus a = parent(shard.parentId());
        ShardStatus b = parent(shard.parentSiblingId());
        if (a == ShardStatus.DONE_NOT_END || a == ShardStatus.SKIP || b == ShardStatus.DONE_NOT_END
                || b == ShardStatus.SKIP) {
            return ShardStatus.SKIP;
        }
        if (a == ShardStatus.DONE_REACH_END && b == ShardStatus.DONE_REACH_END) {
            return ShardStatus.READY;
        }
        return ShardStatus.BLOCK;
    }

    private ShardStatus parent(String id) {
        return id == null ? ShardStatus.DONE_REACH_END : status(id);
    }
}
