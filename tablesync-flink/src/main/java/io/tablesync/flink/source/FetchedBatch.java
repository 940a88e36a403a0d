package io.tablesync.flink.source;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;

/** What one fetch of one split produced, in Flink's shape; a finished split is named once its elements are emitted. */
final class FetchedBatch implements RecordsWithSplitIds<Fetched> {
    private static final FetchedBatch EMPTY = new FetchedBatch(null, List.of(), false);

    private String splitId;
    private final Iterator<Fetched> elements;
    private final Set<String> finished;

    FetchedBatch(String splitId, List<Fetched> elements, boolean finished) {
        this.splitId = splitId;
        this.elements = elements.iterator();
        this.finished = finished ? Set.of(splitId) : Set.of();
    }

    static FetchedBatch empty() {
        return EMPTY;
    }

    @Override
    public String nextSplit() {
        String s = splitId;
        splitId = null;
        return s;
    }

    @Override
    public Fetched nextRecordFromSplit() {
        return elements.hasNext() ? elements.next() : null;
    }

    @Override
    public Set<String> finishedSplits() {
        return finished;
    }
}
