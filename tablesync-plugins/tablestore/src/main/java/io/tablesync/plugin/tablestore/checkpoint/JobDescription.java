package io.tablesync.plugin.tablestore.checkpoint;

import java.util.List;

/** The row a job writes at its end time: which shards it covered and under which version. */
public record JobDescription(String streamId, String version, String tableName, long startTime, long endTime,
                             List<String> shardIds) {
}
