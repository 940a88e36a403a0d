package io.tablesync.tablestore.local.action;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.tablesync.tablestore.local.engine.Database;
import io.tablesync.tablestore.local.engine.OtsException;
import io.tablesync.tablestore.local.engine.PrimaryKeys;
import io.tablesync.tablestore.local.engine.ReadSpec;
import io.tablesync.tablestore.local.engine.RowReader;
import io.tablesync.tablestore.local.engine.Table;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferWriter;
import io.tablesync.tablestore.local.storage.KeyCodec;
import io.tablesync.tablestore.local.storage.StoredRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.Cursor;

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
        Table table = db.table(r.getTableName());
        ReadSpec spec = Protos.readSpec(r.getColumnsToGetList(), r.hasTimeRange(), r.getTimeRange(),
                r.hasMaxVersions(), r.getMaxVersions(), r.hasFilter(), r.getFilter(), r.hasStartColumn(),
                r.getStartColumn(), r.hasEndColumn(), r.getEndColumn());
        boolean backward = r.getDirection() == OtsInternalApi.Direction.BACKWARD;
        byte[] start = KeyCodec.encode(PrimaryKeys.validate(table.info(),
                Protos.decodeRow(r.getInclusiveStartPrimaryKey()).primaryKey(), PrimaryKeys.Use.RANGE));
        byte[] end = KeyCodec.encode(PrimaryKeys.validate(table.info(),
                Protos.decodeRow(r.getExclusiveEndPrimaryKey()).primaryKey(), PrimaryKeys.Use.RANGE));
        int cmp = Arrays.compareUnsigned(start, end);
        if (!backward && cmp >= 0) {
            throw OtsException.parameterInvalid("Begin key must less than end key in FORWARD");
        }
        if (backward && cmp <= 0) {
            throw OtsException.parameterInvalid("Begin key must more than end key in BACKWARD");
        }
        if (r.hasLimit() && r.getLimit() <= 0) {
            throw OtsException.parameterInvalid("The limit must be positive.");
        }
        int limit = r.hasLimit() ? Math.min(r.getLimit(), MAX_ROWS) : MAX_ROWS;
        long now = db.clock().nowMillis();

        Cursor<byte[], byte[]> cursor = table.rows().cursor(start, null, backward);
        List<PbRow> rows = new ArrayList<>();
        int bytes = 0;
        int scanned = 0;
        StoredRow next = null;
        while (cursor.hasNext()) {
            byte[] key = cursor.next();
            int c = Arrays.compareUnsigned(key, end);
            if (backward ? c <= 0 : c >= 0) {
                break;
            }
            StoredRow stored = StoredRow.decode(cursor.getValue());
            if (scanned >= limit || bytes >= MAX_BYTES) {
                next = stored;
                break;
            }
            scanned++;
            PbRow row = RowReader.read(table.info(), stored, spec, now);
            if (row != null) {
                rows.add(row);
                bytes += cursor.getValue().length;
            }
        }
        OtsInternalApi.GetRangeResponse.Builder b = OtsInternalApi.GetRangeResponse.newBuilder()
                .setConsumed(Protos.consumed(Math.max(1, scanned), 0))
                .setRows(ByteString.copyFrom(PlainBufferWriter.encodeRows(rows)));
        if (next != null) {
            b.setNextStartPrimaryKey(ByteString.copyFrom(PlainBufferWriter.encodeRow(
                    new PbRow(PrimaryKeys.cells(table.info(), next.primaryKey()), List.of()))));
        }
        return b.build();
    }
}
