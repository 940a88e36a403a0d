package io.tablesync.tablestore.local.action;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.tablesync.tablestore.local.engine.DataSize;
import io.tablesync.tablestore.local.engine.Database;
import io.tablesync.tablestore.local.engine.Limits;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * GetRange: rows between an inclusive start and an exclusive end key, forward or backward. A page ends at the
 * limit, at 5000 rows or at about 4 MB; then next_start_primary_key names the next row in range.
 */
final class RangeAction {

    private static final int MAX_ROWS = 5000;
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private final Database db;

    RangeAction(Database db) {
        this.db = db;
    }

    void register(Map<String, Action> actions) {
        actions.put("GetRange", this::getRange);
    }

    private OtsInternalApi.GetRangeResponse getRange(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.GetRangeRequest r = OtsInternalApi.GetRangeRequest.parseFrom(body);
        Limits.checkTableName(r.getTableName());
        ReadSpec spec = Protos.readSpec(r.getColumnsToGetList(), r.hasTimeRange(), r.getTimeRange(),
                r.hasMaxVersions(), r.getMaxVersions(), r.hasFilter(), r.getFilter(), r.hasStartColumn(),
                r.getStartColumn(), r.hasEndColumn(), r.getEndColumn(), Protos.NO_VERSION_CONDITION);
        PbRow startRow = Protos.decodeKey(r.getInclusiveStartPrimaryKey(), PrimaryKeys.Use.RANGE);
        PbRow endRow = Protos.decodeKey(r.getExclusiveEndPrimaryKey(), PrimaryKeys.Use.RANGE);
        if (r.hasLimit() && r.getLimit() <= 0) {
            throw OtsException.parameterInvalid("The limit must be positive.");
        }
        Table table = db.table(r.getTableName());
        boolean backward = r.getDirection() == OtsInternalApi.Direction.BACKWARD;
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
        int limit = r.hasLimit() ? Math.min(r.getLimit(), MAX_ROWS) : MAX_ROWS;
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
                if (scanned >= limit || bytes >= MAX_BYTES) {
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
        OtsInternalApi.GetRangeResponse.Builder b = OtsInternalApi.GetRangeResponse.newBuilder()
                .setConsumed(Protos.consumed(DataSize.units(readBytes), 0))
                .setRows(ByteString.copyFrom(PlainBufferWriter.encodeRows(rows)));
        if (next != null) {
            b.setNextStartPrimaryKey(ByteString.copyFrom(PlainBufferWriter.encodeRow(
                    new PbRow(PrimaryKeys.cells(table.info(), next.primaryKey()), List.of()))));
        }
        return b.build();
    }
}
