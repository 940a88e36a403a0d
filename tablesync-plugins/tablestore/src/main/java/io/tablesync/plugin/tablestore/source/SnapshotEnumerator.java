package io.tablesync.plugin.tablestore.source;

import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitCheckpoint;
import io.tablesync.core.source.SplitEnumerator;
import io.tablesync.core.source.SplitStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The enumerator of {@code sync --snapshot}: the table's key ranges first, the stream's shards after.
 * The ranges are the parents of every shard — a barrier in front of the shard enumerator's own
 * parent-first rule: no shard is handed out before every range is finished (its rows written and its
 * final checkpoint stored), so no streamed change can be overwritten by an older copied row. The shards
 * start at the positions recorded before the copy.
 */
final class SnapshotEnumerator implements SplitEnumerator {
    private final Map<String, String> ranges = new LinkedHashMap<>();
    private final Set<String> assigned = new HashSet<>();
    private final Set<String> finished = new HashSet<>();
    private final SplitEnumerator shards;
    private final Runnable onCopied;
    private boolean copied;

    /**
     * @param restoredRanges the ranges' stored checkpoints
     * @param shards         the stream's enumerator, from the recorded positions
     * @param onCopied       called once, when the last range finished
     */
    SnapshotEnumerator(Map<String, SplitCheckpoint> restoredRanges, SplitEnumerator shards, Runnable onCopied) {
        restoredRanges.forEach((id, cp) -> {
            ranges.put(id, cp.state());
            if (cp.finished()) {
                finished.add(id);
            }
        });
        this.shards = shards;
        this.onCopied = onCopied;
    }

    private boolean allRangesFinished() {
        return finished.size() == ranges.size();
    }

    @Override
    public int discover() {
        return shards.discover();
    }

    @Override
    public List<SourceSplit> takeAssignable() {
        List<SourceSplit> out = new ArrayList<>();
        for (Map.Entry<String, String> e : ranges.entrySet()) {
            if (!finished.contains(e.getKey()) && assigned.add(e.getKey())) {
                out.add(new SourceSplit(e.getKey(), List.of(), e.getValue()));
            }
        }
        if (allRangesFinished()) {
            if (!copied) {
                copied = true;
                onCopied.run();
            }
            out.addAll(shards.takeAssignable());
        }
        return out;
    }

    @Override
    public void finished(String splitId) {
        if (ranges.containsKey(splitId)) {
            assigned.remove(splitId);
            finished.add(splitId);
        } else {
            shards.finished(splitId);
        }
    }

    @Override
    public void unassigned(SourceSplit split) {
        if (ranges.containsKey(split.id())) {
            if (!finished.contains(split.id())) {
                assigned.remove(split.id());
                ranges.put(split.id(), split.state());
            }
        } else {
            shards.unassigned(split);
        }
    }

    @Override
    public Map<String, SplitStatus> statuses() {
        Map<String, SplitStatus> out = new LinkedHashMap<>();
        for (String id : ranges.keySet()) {
            out.put(id, finished.contains(id) ? SplitStatus.FINISHED
                    : assigned.contains(id) ? SplitStatus.READING : SplitStatus.READY);
        }
        boolean open = allRangesFinished();
        shards.statuses().forEach((id, st) -> out.put(id, !open && st == SplitStatus.READY ? SplitStatus.WAITING_FOR_PARENTS : st));
        return out;
    }

    @Override
    public List<SourceSplit> snapshot() {
        List<SourceSplit> out = new ArrayList<>();
        ranges.forEach((id, state) -> out.add(new SourceSplit(id, List.of(), finished.contains(id) ? io.tablesync.plugin.tablestore.table.KeyRange.DONE : state)));
        List<String> rangeIds = List.copyOf(ranges.keySet());
        for (SourceSplit s : shards.snapshot()) {
            List<String> parents = new ArrayList<>(s.parentIds());
            parents.addAll(rangeIds);
            out.add(new SourceSplit(s.id(), parents, s.state()));
        }
        return out;
    }
}
