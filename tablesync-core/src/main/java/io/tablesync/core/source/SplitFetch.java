package io.tablesync.core.source;

import io.tablesync.core.element.Record;
import java.util.List;

/**
 * What one {@link SplitReader#fetch()} produced.
 *
 * @param records  records to send, in order, each with its {@link SplitPosition}
 * @param end      the position after this fetch: the last record's position, or — when the reader
 *                 moved on without producing a record (changes that map to nothing, the end of the
 *                 split) — a position of its own that carries no record; null when nothing moved
 * @param idle     the source had nothing new: "nothing yet", never "done"
 * @param finished the split has no more records, ever (a closed shard read to its end, a window's
 *                 end reached); {@code end} then carries the split's final state
 * @param atHead   the fetch reached the head of the split: it returned all there was (a short page), so
 *                 reading again at once would mostly fetch a handful of records at the cost of a whole
 *                 request; runners pause briefly first. Always true when idle.
 */
public record SplitFetch(List<Record> records, SplitPosition end, boolean idle, boolean finished, boolean atHead) {
    public SplitFetch {
        records = List.copyOf(records);
        atHead = atHead || idle;
    }

    /** A fetch that says nothing about the head: only an idle one is at it. */
    public SplitFetch(List<Record> records, SplitPosition end, boolean idle, boolean finished) {
        this(records, end, idle, finished, idle);
    }
}
