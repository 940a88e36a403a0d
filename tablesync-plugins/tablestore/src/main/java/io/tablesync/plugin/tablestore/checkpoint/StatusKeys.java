package io.tablesync.plugin.tablestore.checkpoint;

/**
 * Row keys of DataX's status table (research/datax.md §3.6). Times are right-aligned to 16
 * characters with spaces ({@code %16d}) so that string order equals time order.
 */
public final class StatusKeys {
    public static final String PK_STREAM_ID = "StreamId";
    public static final String PK_STATUS_TYPE = "StatusType";
    public static final String PK_STATUS_VALUE = "StatusValue";

    public static final String TYPE_CHECKPOINT = "CheckpointForDataxReader";
    public static final String TYPE_JOB_DESC = "DataxJobDesc";
    public static final String TYPE_SHARD_TIME = "ShardTimeCheckpointForDataxReader";

    public static final String COL_VERSION = "Version";
    public static final String COL_CHECKPOINT = "Checkpoint";
    public static final String COL_SKIP_COUNT = "SkipCount";
    public static final String COL_SEND_RECORD_COUNT = "SendRecordCount";
    public static final String COL_SHARD_COUNT = "ShardCount";
    public static final String COL_SHARD_IDS_PREFIX = "ShardIds_";
    public static final String COL_TABLE_NAME = "TableName";
    public static final String COL_JOB_STREAM_ID = "JobStreamId";
    public static final String COL_START_TIME = "StartTime";
    public static final String COL_END_TIME = "EndTime";

    static final String SEPARATOR = "\t";
    /** Sorts after every shard id character: the exclusive end of "all shards at time t". */
    static final String AFTER_ALL_SHARDS = String.valueOf((char) 127);

    private StatusKeys() {
    }

    public static String time(long millis) {
        return String.format("%16d", millis);
    }

    /** {@code %16d(end)\tshardId}: a shard's checkpoint at a job's end time. */
    public static String checkpointValue(long endMillis, String shardId) {
        return time(endMillis) + SEPARATOR + shardId;
    }

    /** {@code shardId\t%16d(time)}: a shard-time checkpoint. */
    public static String shardTimeValue(String shardId, long millis) {
        return shardId + SEPARATOR + time(millis);
    }
}
