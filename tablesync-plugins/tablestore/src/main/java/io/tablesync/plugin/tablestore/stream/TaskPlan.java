package io.tablesync.plugin.tablestore.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tablesync.core.config.Configuration;
import java.util.List;

/**
 * What the job hands each task besides the user's parameters: the stream, the job version, the
 * window as the job computed it, the task's shards and (unless {@code confSimplifyEnable}) every
 * shard with its parents, because a task must judge the state of parents read by other tasks.
 */
public record TaskPlan(String streamId, String version, long startMillis, long endMillis, int expirationHours,
                       int threads, List<String> ownedShards, List<ShardInfo> allShards) {
    static final String KEY = "__otsstreamreader";
    private static final ObjectMapper JSON = new ObjectMapper();

    void writeTo(Configuration taskConf) {
        taskConf.set(KEY, JSON.valueToTree(this));
    }

    static TaskPlan readFrom(Configuration taskConf) {
        JsonNode n = taskConf.get(KEY);
        if (n == null) {
            throw new IllegalStateException("task configuration lacks " + KEY + " (not produced by the job's split)");
        }
        try {
            return JSON.treeToValue(n, TaskPlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("task configuration " + KEY + " is corrupt: " + e.getOriginalMessage(), e);
        }
    }
}
