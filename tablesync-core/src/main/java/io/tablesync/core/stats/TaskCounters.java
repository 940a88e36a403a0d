package io.tablesync.core.stats;

import io.tablesync.core.metrics.DirtyReasons;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One task's counters, DataX's set: updated per batch by the task's own threads, read by the
 * progress reporter at any time.
 */
public final class TaskCounters {
    public final AtomicLong readSucceedRecords = new AtomicLong();
    public final AtomicLong readSucceedBytes = new AtomicLong();
    public final AtomicLong readFailedRecords = new AtomicLong();
    public final AtomicLong readFailedBytes = new AtomicLong();
    public final AtomicLong writeReceivedRecords = new AtomicLong();
    public final AtomicLong writeReceivedBytes = new AtomicLong();
    public final AtomicLong writeFailedRecords = new AtomicLong();
    public final AtomicLong writeFailedBytes = new AtomicLong();
    /** Time the reader spent blocked because the channel was full. */
    public final AtomicLong waitWriterNanos = new AtomicLong();
    /** Time the writer spent blocked because the channel was empty. */
    public final AtomicLong waitReaderNanos = new AtomicLong();
    /** Records the job's transformers passed on or filtered (DataX counts a filtered record as a success too). */
    public final AtomicLong transformerSucceededRecords = new AtomicLong();
    /** Records a transformer failed on: each is a reader dirty record. */
    public final AtomicLong transformerFailedRecords = new AtomicLong();
    /** Records a transformer dropped (dx_filter, or a dx_groovy script returning null). */
    public final AtomicLong transformerFilteredRecords = new AtomicLong();
    /** Time spent in transformers. */
    public final AtomicLong transformerNanos = new AtomicLong();
    /**
     * Whether the channel counts records by operation too (set when metrics are served: it costs a look at
     * every record). Set before the task starts.
     */
    public boolean countsOperations;
    /** The records above by operation (for metrics; DataX's counters know none). */
    public final OperationCounts readSucceedByOperation = new OperationCounts();
    public final OperationCounts readFailedByOperation = new OperationCounts();
    public final OperationCounts writeReceivedByOperation = new OperationCounts();
    public final OperationCounts writeFailedByOperation = new OperationCounts();
    /** Dirty records by side and reason (for metrics). */
    public final DirtyReasons dirtyReasons = new DirtyReasons();
    /** Named counters a plugin reports (printed in the summary when non-zero). */
    public final Map<String, LongAdder> named = new ConcurrentHashMap<>();

    public void addNamed(String label, long delta) {
        named.computeIfAbsent(label, k -> new LongAdder()).add(delta);
    }
}
