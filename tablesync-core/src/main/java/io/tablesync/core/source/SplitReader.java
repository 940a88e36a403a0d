package io.tablesync.core.source;

/**
 * Reads one split, one fetch at a time, and knows nothing of scheduling: the runner decides when to
 * call {@link #fetch()} again (at once after records, after a back-off when idle) and where the
 * records go. One reader is used by one thread at a time.
 */
public interface SplitReader extends AutoCloseable {
    /** The split being read. */
    SourceSplit split();

    /**
     * Reads the next batch. Blocks at most for one source request (with the source's own retries);
     * throws a {@link io.tablesync.core.TablesyncException} when the split cannot be read.
     */
    SplitFetch fetch() throws InterruptedException;

    @Override
    void close();
}
