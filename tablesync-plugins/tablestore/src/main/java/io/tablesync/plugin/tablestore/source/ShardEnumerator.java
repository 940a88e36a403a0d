package io.tablesync.plugin.tablestore.source;

import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitCheckpoint;
import io.tablesync.core.source.SplitEnumerator;
import io.tablesync.core.source.SplitStatus;
import io.tablesync.plugin.tablestore.stream.ShardInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shard enumerator of a Tablestore stream: lists the shards (DescribeStream, paged), learns of
 * new ones after splits and merges whenever it is asked to discover again, and hands a shard out
 * only when its parents are finished ({@link ShardTracker}).
 *
 * <p>Where a shard starts: its stored checkpoint; else, at the very first discovery of a job that
 * has no checkpoint at all, the job's start rule ({@code firstStart}); else — a shard that appeared
 * later, after a split or merge — its beginning, since all of it is newer than its parents.
 */
final class ShardEnumerator implements SplitEnumerator {
    private static final Logger LOG = LoggerFactory.getLogger(ShardEnumerator.class);

    private final Supplier<Map<String, ShardInfo>> listShards;
    private final Map<String, SplitCheckpoint> restored;
    private final Function<String, String> firstStart;
    private final Consumer<SplitCheckpoint> onLost;
    private final ShardTracker tracker = new ShardTracker();
    private boolean discoveredOnce;

    /**
     * @param listShards every shard the stream lists now
     * @param restored   stored checkpoints by shard id (empty: the job never ran)
     * @param firstStart start state of a shard without checkpoint, for a job that never ran
     * @param onLost     a stored unfinished shard the stream no longer lists: its unread changes expired;
     *                   throws to stop, returns to go on without it
     */
    ShardEnumerator(Supplier<Map<String, ShardInfo>> listShards, Map<String, SplitCheckpoint> restored,
                    Function<String, String> firstStart, Consumer<SplitCheckpoint> onLost) {
        this.listShards = listShards;
        this.restored = new LinkedHashMap<>(restored);
        this.firstStart = firstStart;
        this.onLost = onLost;
    }

    @Override
    public int discover() {
        Map<String, ShardInfo> listed = listShards.get();
        boolean neverRan = restored.isEmpty();
        if (!discoveredOnce) {
            for (SplitCheckpoint cp : restored.values()) {
                if (!listed.containsKey(cp.splitId()) && !cp.finished()) {
                    onLost.accept(cp);
                }
            }
        }
        int added = 0;
        for (ShardInfo shard : listed.values()) {
            if (tracker.isKnown(shard.id())) {
                continue;
            }
            SplitCheckpoint cp = restored.get(shard.id());
            String state;
            if (cp != null) {
                state = cp.finished() ? ShardState.SHARD_END : cp.state();
            } else if (!discoveredOnce && neverRan) {
                state = firstStart.apply(shard.id());
            } else {
                state = ShardState.TRIM_HORIZON;
            }
            tracker.add(shard, state);
            added++;
            if (discoveredOnce) {
                LOG.info("otsstreamreader: new shard {} (parents {}, {}) found; it is read once its parents are finished",
                        shard.id(), shard.parentId(), shard.parentSiblingId());
            }
        }
        tracker.retainListed(listed.keySet());
        discoveredOnce = true;
        return added;
    }

    @Override
    public List<SourceSplit> takeAssignable() {
        return tracker.takeAvailable();
    }

    @Override
    public void finished(String splitId) {
        tracker.finished(splitId);
    }

    @Override
    public void unassigned(SourceSplit split) {
        tracker.unassigned(split.id(), split.state());
    }

    @Override
    public Map<String, SplitStatus> statuses() {
        return tracker.statuses();
    }

    @Override
    public List<SourceSplit> snapshot() {
        return tracker.snapshot();
    }
}
