package io.tablesync.core.source;

import java.util.List;
import java.util.Map;

/**
 * Owns split discovery and the parent-first rule (Flink FLIP-27's enumerator): it learns of splits
 * (at start, and while running, e.g. after a shard split or merge), and hands out a split only
 * when every parent is finished, so a child's records can never overtake its parent's. Not
 * thread-safe: one runner thread drives it.
 */
public interface SplitEnumerator {
    /** Asks the source for its splits; new ones become known. Returns how many were new. */
    int discover();

    /** Splits that may be read now — known, not assigned, every parent finished — now marked assigned. */
    List<SourceSplit> takeAssignable();

    /**
     * The split was read to its end and everything read from it is durable in the sink. Only then may
     * its children be read.
     */
    void finished(String splitId);

    /** An assigned split comes back unfinished (its reader stopped), to be handed out again at {@code split.state()}. */
    void unassigned(SourceSplit split);

    /** Every known split's status, by id, for status lines and metrics. */
    Map<String, SplitStatus> statuses();

    /** Every known split with its current state (what a checkpoint of the enumerator holds). */
    List<SourceSplit> snapshot();
}
