package io.tablesync.plugin.tablestore.stream;

/** What every shard reader of a job shares: the stream, the window, the job version. */
public record StreamContext(String streamId, String tableName, TimeWindow window, String version,
                            int expirationHours, boolean seekByTimestamp, boolean tableGroupSupport,
                            int streamRecordLimit) {
}
