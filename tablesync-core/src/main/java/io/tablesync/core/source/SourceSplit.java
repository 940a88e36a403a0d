package io.tablesync.core.source;

import java.util.List;

/**
 * A unit of source work that one reader reads from start to end: a stream shard, later a key range
 * of a snapshot. It is Flink's FLIP-27 split: an id, the splits that must be finished before it may
 * be read (a shard's parents), and its state — where reading resumes. The state is opaque to
 * runners; only the source that made the split interprets it.
 */
public record SourceSplit(String id, List<String> parentIds, String state) {
    public SourceSplit {
        parentIds = List.copyOf(parentIds);
    }

    public SourceSplit withState(String newState) {
        return new SourceSplit(id, parentIds, newState);
    }
}
