package io.tablesync.plugin.tablestore.source;

import io.tablesync.plugin.tablestore.checkpoint.CheckpointRow;
import io.tablesync.plugin.tablestore.checkpoint.JobDescription;
import io.tablesync.plugin.tablestore.checkpoint.StatusTable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a DataX user's windows stopped: the newest window in the status table that left a complete,
 * consistent set of shard checkpoints (research/datax.md §3.6–3.7). A continuous run without
 * checkpoints of its own starts there, so switching from DataX + cron to {@code sync} loses and
 * repeats nothing.
 */
final class DataxHandoff {
    private static final Logger LOG = LoggerFactory.getLogger(DataxHandoff.class);
    /** A failed last window is skipped for an older complete one (which is then replayed from). */
    private static final int WINDOWS_CONSIDERED = 5;

    private final StatusTable statusTable;
    private final String streamId;

    DataxHandoff(StatusTable statusTable, String streamId) {
        this.statusTable = statusTable;
        this.streamId = streamId;
    }

    /** The newest complete window: its end and each shard's checkpoint there. */
    record Window(long endMillis, Map<String, String> checkpoints) {
    }

    /** The newest complete window, or null when there is none. */
    Window latestCompleteWindow() {
        if (!statusTable.exists()) {
            return null;
        }
        for (long end : statusTable.latestJobEnds(streamId, WINDOWS_CONSIDERED)) {
            JobDescription desc = statusTable.readJobDescription(streamId, end);
            Map<String, CheckpointRow> cps = statusTable.readCheckpoints(streamId, end);
            if (desc == null || cps.size() != desc.shardIds().size()) {
                LOG.info("otsstreamreader: the DataX window ending at {} is incomplete ({} of {} shard checkpoints); looking"
                        + " at older windows", end, cps.size(), desc == null ? "?" : desc.shardIds().size());
                continue;
            }
            if (cps.values().stream().allMatch(cp -> desc.version().equals(cp.version()))) {
                Map<String, String> out = new LinkedHashMap<>();
                cps.forEach((shard, cp) -> out.put(shard, cp.checkpoint()));
                LOG.info("otsstreamreader: the newest complete DataX window is [{}, {}) of job version {} ({} shards)",
                        desc.startTime(), end, desc.version(), out.size());
                return new Window(end, out);
            }
        }
        return null;
    }
}
