package io.tablesync.core.source;

import java.util.Collection;
import java.util.Map;

/** Durable split states of one continuous job. Implementations must not keep checkpoints of other jobs apart from their own rows. */
public interface CheckpointStore {
    /** Every stored checkpoint of this job, by split id; empty before the first commit. */
    Map<String, SplitCheckpoint> load();

    /** Stores the checkpoints (each replaces the split's previous one). */
    void save(Collection<SplitCheckpoint> checkpoints);
}
