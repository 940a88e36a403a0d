package io.tablesync.core.verify;

import io.tablesync.core.element.Record;
import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitReader;
import java.util.List;
import java.util.Map;

/**
 * A reader's table read as {@code verify} needs it: the whole table in key ranges, each read page by
 * page by the same split readers a snapshot copies with (records in the job's reader layout), plus
 * point reads of single rows for re-checks. Opened by {@link io.tablesync.core.spi.ReaderPlugin#openScan}.
 */
public interface TableScan extends AutoCloseable {
    /** What is read, for messages: e.g. "table T at E". Never contains a secret. */
    String describe();

    /** The table cut into at most {@code wanted} ranges that may be read in parallel. */
    List<SourceSplit> ranges(int wanted);

    /** A reader of one range; every fetch returns the next page of rows as UPSERT records. */
    SplitReader reader(SourceSplit range);

    /**
     * The rows now stored under the keys of the given records (records of this scan's layout, or
     * {@link #keyRecord}s), in the same order; null where the row does not exist.
     */
    List<Record> lookup(List<Record> keys);

    /**
     * A record of this layout holding only key columns, from their text form (the column index in the
     * record → the value as text, as a writer's document id carries it); null when the parts do not
     * form a complete, well-typed key of the table.
     */
    Record keyRecord(Map<Integer, String> keyText);

    /** Up to {@code n} keys drawn uniformly at random (reads the table's keys once, keeps only n). */
    List<Record> sampleKeys(int n, long seed);

    @Override
    void close();
}
