package io.tablesync.plugin.tablestore.stream;

import io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode;
import io.tablesync.plugin.tablestore.checkpoint.CheckpointRow;
import io.tablesync.plugin.tablestore.checkpoint.JobDescription;
import io.tablesync.plugin.tablestore.checkpoint.StatusTable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where each owned shard starts (research/datax.md §3.5, §3.7). If the job that ended at
 * this window's start left a complete, consistent set of checkpoints, every shard resumes exactly
 * there (contiguous windows: no skipping, no loss, no duplicates). Otherwise (a gap, an overlap, a
 * failed previous run) a shard starts from its latest shard-time checkpoint before the window, or
 * from its beginning, and skips records older than the start: slower, but nothing is lost.
 */
public final class ShardStartPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(ShardStartPlanner.class);

    private final StatusTable statusTable;
    private final StreamContext ctx;

    public ShardStartPlanner(StatusTable statusTable, StreamContext ctx) {
        this.statusTable = statusTable;
        this.ctx = ctx;
    }

    public Map<String, ShardStart> plan(Collection<String> ownedShards, Map<String, ShardInfo> allShards) {
        Map<String, ShardStart> out = new LinkedHashMap<>();
        Map<String, CheckpointRow> previous = completeCheckpointsAtStart();
        if (previous != null) {
            for (CheckpointRow cp : previous.values()) {
                if (!allShards.containsKey(cp.shardId()) && !cp.isShardEnd()) {
                    throw OtsStreamReaderErrorCode.userError("Shard does not exist now, ShardId:" + cp.shardId()
                            + " (the previous window stopped inside it, but the stream no longer lists it)");
                }
            }
            for (String id : ownedShards) {
                CheckpointRow cp = previous.get(id);
                out.put(id, new ShardStart(cp == null ? CheckpointRow.TRIM_HORIZON : cp.checkpoint(), false, false));
            }
            // Operators need to see which path a window took: exact resumption is the normal case.
            LOG.info("otsstreamreader: window start {}: resuming exactly from the checkpoints the previous window left "
                    + "(version {}) for shards {}", ctx.window().startMillis(),
                    previous.values().iterator().next().version(), ownedShards);
            return out;
        }
        long start = ctx.window().startMillis();
        long oldest = System.currentTimeMillis() - (ctx.expirationHours() - 1L) * TimeWindow.HOUR_MILLIS;
        for (String id : ownedShards) {
            if (ctx.seekByTimestamp()) {
                out.put(id, new ShardStart(CheckpointRow.TRIM_HORIZON, true, true));
                continue;
            }
            String it = statusTable.findShardTimeCheckpoint(ctx.streamId(), id, oldest, start - 1);
            out.put(id, new ShardStart(it == null ? CheckpointRow.TRIM_HORIZON : it, true, false));
        }
        out.forEach((id, st) -> LOG.info("otsstreamreader: shard {} starts {} and skips records before {}", id,
                st.seekToStart() ? "by timestamp shortly before the window" : st.checkpoint().equals(CheckpointRow.TRIM_HORIZON)
                        ? "at its beginning (TRIM_HORIZON)" : "at its latest shard-time checkpoint", start));
        return out;
    }

    /** The previous job's checkpoints at this start, or null unless they are complete and of one version. */
    Map<String, CheckpointRow> completeCheckpointsAtStart() {
        long start = ctx.window().startMillis();
        Map<String, CheckpointRow> cps = statusTable.readCheckpoints(ctx.streamId(), start);
        JobDescription desc = statusTable.readJobDescription(ctx.streamId(), start);
        if (desc == null) {
            long legacyCount = statusTable.readLegacyShardCount(ctx.streamId(), start);
            if (legacyCount > 0 && legacyCount == cps.size()) {
                return cps;
            }
            return noExactResume("no job ended at this start (first window, or a gap/overlap with the previous one)");
        }
        if (!ctx.streamId().equals(desc.streamId()) || cps.size() != desc.shardIds().size()) {
            return noExactResume("the job that ended at this start left " + cps.size() + " of "
                    + desc.shardIds().size() + " checkpoints (it failed or was killed)");
        }
        for (CheckpointRow cp : cps.values()) {
            if (!desc.version().equals(cp.version()) || !desc.shardIds().contains(cp.shardId())) {
                return noExactResume("the checkpoints at this start belong to different runs");
            }
        }
        return cps;
    }

    private Map<String, CheckpointRow> noExactResume(String why) {
        LOG.info("otsstreamreader: window start {}: cannot resume exactly: {}; shards start from earlier positions "
                + "and skip older records (nothing is lost, reading takes longer)", ctx.window().startMillis(), why);
        return null;
    }
}
