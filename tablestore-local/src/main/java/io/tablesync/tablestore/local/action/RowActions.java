package io.tablesync.tablestore.local.action;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.tablesync.tablestore.local.engine.DataSize;
import io.tablesync.tablestore.local.engine.Database;
import io.tablesync.tablestore.local.engine.Limits;
import io.tablesync.tablestore.local.engine.PrimaryKeys;
import io.tablesync.tablestore.local.engine.ReadSpec;
import io.tablesync.tablestore.local.engine.RowChange;
import io.tablesync.tablestore.local.engine.RowReader;
import io.tablesync.tablestore.local.engine.RowWriter;
import io.tablesync.tablestore.local.engine.Table;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.storage.KeyCodec;
import io.tablesync.tablestore.local.storage.Kv;
import java.util.List;
import java.util.Map;

/**
 * The single-row actions: PutRow, GetRow, UpdateRow, DeleteRow. Order of checks as on the service: table name and
 * request parameters, then the table's existence, then the key against the schema, then the condition.
 */
final class RowActions {

    private final Database db;

    RowActions(Database db) {
        this.db = db;
    }

    void register(Map<String, Action> actions) {
        actions.put("PutRow", this::putRow);
        actions.put("UpdateRow", this::updateRow);
        actions.put("DeleteRow", this::deleteRow);
        actions.put("GetRow", this::getRow);
    }

    private RowWriter.Applied write(String tableName, RowChange change) {
        return db.writes().one(db.table(tableName), change);
    }

    private OtsInternalApi.PutRowResponse putRow(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.PutRowRequest r = OtsInternalApi.PutRowRequest.parseFrom(body);
        Limits.checkTableName(r.getTableName());
        RowWriter.Applied a = write(r.getTableName(), Protos.change(RowChange.Type.PUT, r.getRow(), r.hasCondition(),
                r.getCondition(), r.hasReturnContent(), r.getReturnContent()));
        OtsInternalApi.PutRowResponse.Builder b = OtsInternalApi.PutRowResponse.newBuilder()
                .setConsumed(Protos.consumed(a.readUnits(), a.writeUnits()));
        if (a.returned() != null) {
            b.setRow(Protos.encodeRow(a.returned()));
        }
        return b.build();
    }

    private OtsInternalApi.UpdateRowResponse updateRow(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.UpdateRowRequest r = OtsInternalApi.UpdateRowRequest.parseFrom(body);
        Limits.checkTableName(r.getTableName());
        RowWriter.Applied a = write(r.getTableName(), Protos.change(RowChange.Type.UPDATE, r.getRowChange(),
                r.hasCondition(), r.getCondition(), r.hasReturnContent(), r.getReturnContent()));
        OtsInternalApi.UpdateRowResponse.Builder b = OtsInternalApi.UpdateRowResponse.newBuilder()
                .setConsumed(Protos.consumed(a.readUnits(), a.writeUnits()));
        if (a.returned() != null) {
            b.setRow(Protos.encodeRow(a.returned()));
        }
        return b.build();
    }

    private OtsInternalApi.DeleteRowResponse deleteRow(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.DeleteRowRequest r = OtsInternalApi.DeleteRowRequest.parseFrom(body);
        Limits.checkTableName(r.getTableName());
        RowWriter.Applied a = write(r.getTableName(), Protos.change(RowChange.Type.DELETE, r.getPrimaryKey(),
                r.hasCondition(), r.getCondition(), r.hasReturnContent(), r.getReturnContent()));
        OtsInternalApi.DeleteRowResponse.Builder b = OtsInternalApi.DeleteRowResponse.newBuilder()
                .setConsumed(Protos.consumed(a.readUnits(), a.writeUnits()));
        if (a.returned() != null) {
            b.setRow(Protos.encodeRow(a.returned()));
        }
        return b.build();
    }

    private OtsInternalApi.GetRowResponse getRow(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.GetRowRequest r = OtsInternalApi.GetRowRequest.parseFrom(body);
        Limits.checkTableName(r.getTableName());
        ReadSpec spec = Protos.readSpec(r.getColumnsToGetList(), r.hasTimeRange(), r.getTimeRange(),
                r.hasMaxVersions(), r.getMaxVersions(), r.hasFilter(), r.getFilter(), r.hasStartColumn(),
                r.getStartColumn(), r.hasEndColumn(), r.getEndColumn(), Protos.NO_VERSION_CONDITION);
        PbRow key = Protos.decodeKey(r.getPrimaryKey(), PrimaryKeys.Use.ROW);
        Read read = readRow(db, db.table(r.getTableName()), key, spec);
        return OtsInternalApi.GetRowResponse.newBuilder()
                .setConsumed(Protos.consumed(read.units(), 0))
                .setRow(Protos.encodeRow(read.row()))
                .build();
    }

    /** A row read and the read capacity units it cost (one per started 4 KB of key and returned columns). */
    record Read(PbRow row, int units) {
    }

    static Read readRow(Database db, Table table, PbRow pkRow, ReadSpec spec) {
        List<Value> pk = PrimaryKeys.validate(table.info(), pkRow.primaryKey(), PrimaryKeys.Use.ROW);
        byte[] stored = db.kv().get(Kv.Space.ROWS, table.rowKey(KeyCodec.encode(pk)));
        PbRow row = RowReader.read(table.info(), RowReader.decode(stored), spec, db.clock().nowMillis());
        return new Read(row, row == null ? 1 : DataSize.units(DataSize.of(row.primaryKey()) + DataSize.of(row.cells())));
    }
}
