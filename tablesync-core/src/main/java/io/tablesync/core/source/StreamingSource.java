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

    /**
     * True when the job sets an end (e.g. {@code endTimestampMillis}): every split finishes at it and
     * the run ends once all are finished. False: the run never ends by itself.
     */
    boolean bounded();

    /** Creates what the source needs to keep state (e.g. the status table). Called after every check passed. */
    void prepare();

    /**
     * How long the source keeps a change before trimming it (a stream's expiration), or -1 when it does
     * not say; the runner reports how much of it is left for the oldest change not yet written.
     */
    default long retentionMillis() {
        return -1;
    }

    /** How many splits a runner should read at the same time (threads of its reader pool). */
    default int readerThreads() {
        return 4;
    }

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

    /**
     * The table copy this run makes before it streams ({@code sync --snapshot}), or null when there is
     * none (no snapshot asked for, or it completed in an earlier run). Valid after {@link #prepare()}.
     */
    default SnapshotProgress snapshot() {
        return null;
    }

    /** Where a split starts, for the log line that says it is being read (e.g. a key range in key terms). */
    default String describeStart(SourceSplit split) {
        String state = split.state();
        return state.length() > 24 ? state.substring(0, 24) + "…" : state;
    }

    /** The windowed side for {@code sync --every}, or null when the source cannot run windows. */
    default WindowedSource windows() {
        return null;
    }

    @Override
    void close();
}
