package io.tablesync.plugin.tablestore.table;

import com.alicloud.openservices.tablestore.model.Row;
import io.tablesync.core.element.Record;
import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitFetch;
import io.tablesync.core.source.SplitPosition;
import io.tablesync.core.source.SplitReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one key range of a snapshot, one page of its {@link RangeReader.Cursor} per {@link #fetch()}, as UPSERT
 * records.
 *
 * <p>Positions, as for stream shards: every record but a page's last resumes at the page's own start
 * (a restart copies that page again, harmless: the copy only upserts current rows and the stream
 * starts after it); the page's last record resumes at the next page. The range's final state is
 * {@link KeyRange#DONE}.
 */
public final class RangeSplitReader implements SplitReader {
    /** Rows per page: small enough that every reader of a parallel copy can hold one page. */
    static final int PAGE_ROWS = 2000;
    private final SourceSplit split;
    private final RangeReader reader;
    private final RowLayout layout;
    private KeyRange range;
    private RangeReader.Cursor cursor;
    private long sequence;

    public RangeSplitReader(SourceSplit split, RangeReader reader, RowLayout layout) {
        this.split = split;
        this.reader = reader;
        this.layout = layout;
        this.range = KeyRange.DONE.equals(split.state()) ? null : KeyRange.decode(split.state());
    }

    @Override
    public SourceSplit split() {
        return split;
    }

    @Override
    public SplitFetch fetch() {
        if (range == null) {
            throw new IllegalStateException("range " + split.id() + " is finished; it must not be read again");
        }
        if (cursor == null) {
            cursor = reader.cursor(range);
        }
        RangeReader.Page page = cursor.next(PAGE_ROWS);
        String here = range.encode();
        List<Record> out = new ArrayList<>(page.rows().size());
        for (Row row : page.rows()) {
            Record r = layout.toRecord(row);
            r.setPosition(new SplitPosition(split.id(), ++sequence, here, -1));
            out.add(r);
        }
        String after = page.next() == null ? KeyRange.DONE : range.from(page.next()).encode();
        SplitPosition end;
        if (out.isEmpty()) {
            end = new SplitPosition(split.id(), ++sequence, after, -1);
        } else {
            Record last = out.get(out.size() - 1);
            end = new SplitPosition(split.id(), sequence, after, -1);
            last.setPosition(end);
        }
        range = page.next() == null ? null : range.from(page.next());
        return new SplitFetch(out, end, false, range == null);
    }

    @Override
    public void close() {
        // the client belongs to the source
    }
}
