package io.tablesync.plugin.tablestore.table;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.Direction;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetRangeResponse;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import io.tablesync.plugin.tablestore.client.OtsErrors;
import java.util.List;

/**
 * Reads a table's rows in key order, one GetRange page at a time (the service decides the page size:
 * at most 5,000 rows or 4 MB). Every full-table reader goes through here: the {@code otsreader} task,
 * the snapshot of {@code sync --snapshot} and {@code verify}.
 */
public final class RangeReader {
    /** One page: its rows, and where the range continues (null: the range is read to its end). */
    public record Page(List<Row> rows, PrimaryKey next) {
    }

    private final SyncClient client;
    private final String table;
    private final List<String> columnsToGet;
    private final Direction direction;

    /**
     * @param columnsToGet the columns to read; the key columns must be among them so that a row
     *                     without any of the wanted attributes is still returned. Empty: all columns.
     */
    public RangeReader(SyncClient client, String table, List<String> columnsToGet, Direction direction) {
        this.client = client;
        this.table = table;
        this.columnsToGet = List.copyOf(columnsToGet);
        this.direction = direction;
    }

    public String table() {
        return table;
    }

    public Page read(KeyRange range) {
        return read(range, -1);
    }

    /** One page from {@code range.next()} towards {@code range.end()}, at most {@code limit} rows (-1: the service's page). */
    public Page read(KeyRange range, int limit) {
        RangeRowQueryCriteria c = new RangeRowQueryCriteria(table);
        c.setInclusiveStartPrimaryKey(range.next());
        c.setExclusiveEndPrimaryKey(range.end());
        c.setDirection(direction);
        c.setMaxVersions(1);
        if (limit > 0) {
            c.setLimit(limit);
        }
        if (!columnsToGet.isEmpty()) {
            c.addColumnsToGet(columnsToGet);
        }
        try {
            GetRangeResponse r = client.getRange(new GetRangeRequest(c));
            return new Page(r.getRows(), r.getNextStartPrimaryKey());
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, "reading table " + table + " from " + range.next());
        }
    }
}
