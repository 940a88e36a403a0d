package io.tablesync.plugin.tablestore.checkpoint;

/**
 * Where a shard stood at a window's end: a shard iterator, or {@link #TRIM_HORIZON} (start of the
 * shard) or {@link #SHARD_END} (the shard is closed and fully read). Stored per (stream, end time,
 * shard) in the status table with the job version that wrote it.
 */
public record CheckpointRow(String shardId, String checkpoint, String version, long skipCount, long sendRecordCount) {
    public static final String TRIM_HORIZON = "TRIM_HORIZON";
    public static final String SHARD_END = "SHARD_END";

    public boolean isShardEnd() {
        return SHARD_END.equals(checkpoint);
    }

    public boolean isTrimHorizon() {
        return TRIM_HORIZON.equals(checkpoint);
    }
}
