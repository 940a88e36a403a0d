package io.tablesync.plugin.tablestore.source;

import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitStatus;
import io.tablesync.plugin.tablestore.stream.ShardInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shard lineage: which shards are known, which a reader has, which are finished, and so which
 * may be read now — a shard whose parents are all finished. A finished shard stays remembered as
 * long as the stream lists it (closed shards are listed until their records expire), so that a
 * later discovery does not hand it out again; a parent the stream no longer lists expired and
 * counts as finished.
 */
final class ShardTracker {
    private final Map<String, ShardInfo> known = new LinkedHashMap<>();
    private final Map<String, String> states = new LinkedHashMap<>();
    private final Set<String> assigned = new HashSet<>();
    private final Set<String> finished = new HashSet<>();

    /** Adds a shard the stream lists, to be read from {@code state}; false when it was known already. */
    boolean add(ShardInfo shard, String state) {
        if (known.containsKey(shard.id())) {
            return false;
        }
        known.put(shard.id(), shard);
        states.put(shard.id(), state);
        if (ShardState.SHARD_END.equals(state)) {
            finished.add(shard.id());
        }
        return true;
    }

    boolean isKnown(String shardId) {
        return known.containsKey(shardId);
    }

    /** Forgets finished shards the stream stopped listing (their records expired). */
    void retainListed(Collection<String> listed) {
        Set<String> keep = new HashSet<>(listed);
        for (String id : new ArrayList<>(known.keySet())) {
            if (!keep.contains(id) && finished.contains(id)) {
                known.remove(id);
                states.remove(id);
                finished.remove(id);
            }
        }
    }

    /** Every shard that may be read now, in discovery order, marked as assigned. */
    List<SourceSplit> takeAvailable() {
        List<SourceSplit> out = new ArrayList<>();
        for (ShardInfo s : known.values()) {
            if (!assigned.contains(s.id()) && !finished.contains(s.id()) && parentsFinished(s)) {
                assigned.add(s.id());
                out.add(split(s));
            }
        }
        return out;
    }

    void finished(String shardId) {
        assigned.remove(shardId);
        finished.add(shardId);
        states.put(shardId, ShardState.SHARD_END);
    }

    void unassigned(String shardId, String state) {
        if (known.containsKey(shardId) && !finished.contains(shardId)) {
            assigned.remove(shardId);
            states.put(shardId, state);
        }
    }

    Map<String, SplitStatus> statuses() {
        Map<String, SplitStatus> out = new LinkedHashMap<>();
        for (ShardInfo s : known.values()) {
            SplitStatus st;
            if (finished.contains(s.id())) {
                st = SplitStatus.FINISHED;
            } else if (assigned.contains(s.id())) {
                st = SplitStatus.READING;
            } else {
                st = parentsFinished(s) ? SplitStatus.READY : SplitStatus.WAITING_FOR_PARENTS;
            }
            out.put(s.id(), st);
        }
        return out;
    }

    List<SourceSplit> snapshot() {
        return known.values().stream().map(this::split).toList();
    }

    private SourceSplit split(ShardInfo s) {
        List<String> parents = new ArrayList<>(2);
        if (s.parentId() != null) {
            parents.add(s.parentId());
        }
        if (s.parentSiblingId() != null) {
            parents.add(s.parentSiblingId());
        }
        return new SourceSplit(s.id(), parents, states.get(s.id()));
    }

    private boolean parentsFinished(ShardInfo s) {
        return parentFinished(s.parentId()) && parentFinished(s.parentSiblingId());
    }

    private boolean parentFinished(String id) {
        return id == null || !known.containsKey(id) || finished.contains(id);
    }
}
