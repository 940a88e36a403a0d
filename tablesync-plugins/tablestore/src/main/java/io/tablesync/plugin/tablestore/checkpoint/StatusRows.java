package io.tablesync.plugin.tablestore.checkpoint;

import static io.tablesync.plugin.tablestore.checkpoint.StatusKeys.PK_STATUS_TYPE;
import static io.tablesync.plugin.tablestore.checkpoint.StatusKeys.PK_STATUS_VALUE;
import static io.tablesync.plugin.tablestore.checkpoint.StatusKeys.PK_STREAM_ID;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.DeleteRowRequest;
import com.alicloud.openservices.tablestore.model.Direction;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetRangeResponse;
import com.alicloud.openservices.tablestore.model.GetRowRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.PutRowRequest;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.SingleRowQueryCriteria;
import io.tablesync.plugin.tablestore.client.OtsErrors;
import java.util.ArrayList;
import java.util.List;

/** Row access to the status table: keys, single reads and writes, paged ranges, with errors that name the table. */
final class StatusRows {
    private final SyncClient client;
    private final String table;

    StatusRows(SyncClient client, String table) {
        this.client = client;
        this.table = table;
    }

    String table() {
        return table;
    }

    static PrimaryKey pk(String streamId, String type, String value) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn(PK_STREAM_ID, PrimaryKeyValue.fromString(streamId))
                .addPrimaryKeyColumn(PK_STATUS_TYPE, PrimaryKeyValue.fromString(type))
                .addPrimaryKeyColumn(PK_STATUS_VALUE, PrimaryKeyValue.fromString(value))
                .build();
    }

    SingleRowQueryCriteria criteria(PrimaryKey pk) {
        SingleRowQueryCriteria c = new SingleRowQueryCriteria(table, pk);
        c.setMaxVersions(1);
        return c;
    }

    Row get(PrimaryKey pk) {
        try {
            return client.getRow(new GetRowRequest(criteria(pk))).getRow();
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, "reading status table " + table);
        }
    }

    void put(RowPutChange change, String what) {
        try {
            client.putRow(new PutRowRequest(change));
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, what + " to status table " + table);
        }
    }

    /** A conditional put: false when the service says the condition did not hold. */
    boolean putIf(RowPutChange change, String what) {
        try {
            client.putRow(new PutRowRequest(change));
            return true;
        } catch (TableStoreException e) {
            if ("OTSConditionCheckFail".equals(e.getErrorCode())) {
                return false;
            }
            throw OtsErrors.translate(e, what + " in status table " + table);
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, what + " in status table " + table);
        }
    }

    void delete(PrimaryKey pk) {
        delete(new RowDeleteChange(table, pk));
    }

    /** Deletes; a failed condition is not an error (the row changed meanwhile: nothing to delete). */
    void delete(RowDeleteChange change) {
        try {
            client.deleteRow(new DeleteRowRequest(change));
        } catch (TableStoreException e) {
            if (!"OTSConditionCheckFail".equals(e.getErrorCode())) {
                throw OtsErrors.translate(e, "deleting from status table " + table);
            }
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, "deleting from status table " + table);
        }
    }

    /** Rows from start (inclusive) to end (exclusive), following pagination, at most limit rows. */
    List<Row> range(PrimaryKey start, PrimaryKey end, Direction direction, int limit) {
        List<Row> out = new ArrayList<>();
        PrimaryKey next = start;
        try {
            while (next != null && out.size() < limit) {
                RangeRowQueryCriteria c = new RangeRowQueryCriteria(table);
                c.setInclusiveStartPrimaryKey(next);
                c.setExclusiveEndPrimaryKey(end);
                c.setDirection(direction);
                c.setMaxVersions(1);
                if (limit != Integer.MAX_VALUE) {
                    c.setLimit(limit - out.size());
                }
                GetRangeResponse r = client.getRange(new GetRangeRequest(c));
                out.addAll(r.getRows());
                next = r.getNextStartPrimaryKey();
            }
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, "reading status table " + table);
        }
        return out;
    }

    static String statusValue(Row r) {
        return r.getPrimaryKey().getPrimaryKeyColumn(PK_STATUS_VALUE).getValue().asString();
    }

    static String str(Row r, String column) {
        Column c = r.getLatestColumn(column);
        return c == null ? null : c.getValue().asString();
    }

    static long lng(Row r, String column) {
        Column c = r.getLatestColumn(column);
        return c == null ? 0 : c.getValue().asLong();
    }

    static long lng(Row r, String column, long absent) {
        Column c = r.getLatestColumn(column);
        return c == null ? absent : c.getValue().asLong();
    }

    static boolean bool(Row r, String column) {
        Column c = r.getLatestColumn(column);
        return c != null && c.getValue().asBoolean();
    }
}
