package io.tablesync.core.source;

import io.tablesync.core.spi.TaskPluginCollector;
import java.util.Map;

/**
 * A reader plugin's continuous side: what every streaming runner ({@code sync}, Flink) needs from
 * a source, and nothing about how it is run. Opened from the job's reader {@code parameter} block
 * by {@link io.tablesync.core.spi.ReaderPlugin#openStreaming}, which validates it completely first.
 */
public interface StreamingSource extends AutoCloseable {
    /** What is read, for logs: e.g. "stream S of table T". Never contains a secret. */
    String describe();

    /** Where the runner keeps split states between runs (DataX's status table for Tablestore). */
    CheckpointStore checkpoints();

    /** The lease that keeps a second runner of the same job from writing at the same time. */
    LeaseStore leases();

    /**
     * An enumerator that resumes the given splits' stored states; a split not in {@code restored}
     * starts where the {@link StreamingOptions} say (or the job's own start settings).
     */
    SplitEnumerator enumerator(Map<String, SplitCheckpoint> restored);

    /** A reader for one split handed out by the enumerator; reader-side counters and dirty records go to the collector. */
    SplitReader reader(SourceSplit split, TaskPluginCollector collector);

    @Override
    void close();
}
