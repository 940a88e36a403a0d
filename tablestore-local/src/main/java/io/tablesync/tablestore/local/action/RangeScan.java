package io.tablesync.tablestore.local.action;

import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import io.tablesync.tablestore.local.engine.DataSize;
import io.tablesync.tablestore.local.engine.Database;
import io.tablesync.tablestore.local.engine.OtsException;
import io.tablesync.tablestore.local.engine.PrimaryKeys;
import io.tablesync.tablestore.local.engine.ReadSpec;
import io.tablesync.tablestore.local.engine.RowReader;
import io.tablesync.tablestore.local.engine.Table;
import io.tablesync.tablestore.local.plainbuffer.Cell;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferWriter;
import io.tablesync.tablestore.local.storage.KeyCodec;
import io.tablesync.tablestore.local.storage.Kv;
import io.tablesync.tablestore.local.storage.KvCursor;
import io.tablesync.tablestore.local.storage.StoredRow;
import io.tablesync.tablestore.local.storage.TableInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One page of a primary-key range, as GetRange and BulkExport both read it: rows from an inclusive start key
 * towards an exclusive end key, stopping at the limit, at 5000 rows or at about 4 MB. The page's rows, the key of
 * the next row in range (null when the range is done) and the read capacity the page costs; each action encodes
 * the rows its own way.
 */
final class RangeScan {

    static final int MAX_ROWS = 5000;
    static final int MAX_BYTES = 4 * 1024 * 1024;

    /**
     * @param table the table read (its schema names the key columns)
     * @param rows the rows read, in key order of the scan direction
     * @param nextKey primary-key cells of the next row in range, or null when the range is done
     * @param readUnits read capacity units the page costs
     */
    record Page(TableInfo table, List<PbRow> rows, List<Cell> nextKey, int readUnits) {

        /** The next start key as the response carries it (PlainBuffer, one row of key cells), or null. */
        ByteString encodedNextKey() {
            return nextKey == null ? null
                    : ByteString.copyFrom(PlainBufferWriter.encodeRow(new PbRow(nextKey, List.of())));
        }
    }

    private RangeScan() {
    }

    /**
     * Reads one page; the keys are PlainBuffer-encoded rows of key cells (INF_MIN / INF_MAX allowed).
     *
     * @param limit the most rows the caller wants, or 0 for the service's own page size
     */
    static Page read(Database db, String tableName, ByteString inclusiveStart, ByteString exclusiveEnd,
                     boolean backward, ReadSpec spec, int limit) {
        PbRow startRow = Protos.decodeKey(inclusiveStart, PrimaryKeys.Use.RANGE);
        PbRow endRow = Protos.decodeKey(exclusiveEnd, PrimaryKeys.Use.RANGE);
        Table table = db.table(tableName);
        byte[] start = table.rowKey(KeyCodec.encode(PrimaryKeys.validate(table.info(), startRow.primaryKey(),
                PrimaryKeys.Use.RANGE)));
        byte[] end = table.rowKey(KeyCodec.encode(PrimaryKeys.validate(table.info(), endRow.primaryKey(),
                PrimaryKeys.Use.RANGE)));
        int cmp = Arrays.compareUnsigned(start, end);
        if (!backward && cmp >= 0) {
            throw OtsException.parameterInvalid("Begin key must less than end key in FORWARD");
        }
        if (backward && cmp <= 0) {
            throw OtsException.parameterInvalid("Begin key must more than end key in BACKWARD");
        }
        int maxRows = limit > 0 ? Math.min(limit, MAX_ROWS) : MAX_ROWS;
        long now = db.clock().nowMillis();

        List<PbRow> rows = new ArrayList<>();
        long bytes = 0;
        long readBytes = 0;
        int scanned = 0;
        StoredRow next = null;
        try (KvCursor cursor = db.kv().cursor(Kv.Space.ROWS, start, end, backward)) {
            while (cursor.next()) {
                byte[] value = cursor.value();
                StoredRow stored = StoredRow.decode(value);
                if (scanned >= maxRows || bytes >= MAX_BYTES) {
                    next = stored;
                    break;
                }
                scanned++;
                List<Cell> pkCells = PrimaryKeys.cells(table.info(), stored.primaryKey());
                readBytes += DataSize.of(pkCells);
                PbRow row = RowReader.read(table.info(), stored, spec, now);
                if (row != null) {
                    rows.add(row);
                    bytes += value.length;
                    readBytes += DataSize.of(row.cells());
                }
            }
        }
        List<Cell> nextKey = next == null ? null : PrimaryKeys.cells(table.info(), next.primaryKey());
        return new Page(table.info(), rows, nextKey, DataSize.units(readBytes));
    }
}
