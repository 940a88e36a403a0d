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
 */
public record SplitFetch(List<Record> records, SplitPosition end, boolean idle, boolean finished) {
    public SplitFetch {
        records = List.copyOf(records);
    }
}
