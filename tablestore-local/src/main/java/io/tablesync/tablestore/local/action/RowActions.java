package io.tablesync.tablestore.local.action;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.tablesync.tablestore.local.engine.Database;
import io.tablesync.tablestore.local.engine.PrimaryKeys;
import io.tablesync.tablestore.local.engine.ReadSpec;
import io.tablesync.tablestore.local.engine.RowChange;
import io.tablesync.tablestore.local.engine.RowReader;
import io.tablesync.tablestore.local.engine.Table;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.storage.KeyCodec;
import java.util.List;
import java.util.Map;

/** The single-row actions: PutRow, GetRow, UpdateRow, DeleteRow. */
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

    private PbRow write(String tableName, RowChange change) {
        Table table = db.table(tableName);
        return db.mutate(() -> db.writer().apply(table, change));
    }

    private OtsInternalApi.PutRowResponse putRow(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.PutRowRequest r = OtsInternalApi.PutRowRequest.parseFrom(body);
        PbRow out = write(r.getTableName(), Protos.change(RowChange.Type.PUT, r.getRow(), r.hasCondition(),
                r.getCondition(), r.hasReturnContent(), r.getReturnContent()));
        OtsInternalApi.PutRowResponse.Builder b = OtsInternalApi.PutRowResponse.newBuilder()
                .setConsumed(Protos.consumed(0, 1));
        if (out != null) {
            b.setRow(Protos.encodeRow(out));
        }
        return b.build();
    }

    private OtsInternalApi.UpdateRowResponse updateRow(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.UpdateRowRequest r = OtsInternalApi.UpdateRowRequest.parseFrom(body);
        PbRow out = write(r.getTableName(), Protos.change(RowChange.Type.UPDATE, r.getRowChange(), r.hasCondition(),
                r.getCondition(), r.hasReturnContent(), r.getReturnContent()));
        OtsInternalApi.UpdateRowResponse.Builder b = OtsInternalApi.UpdateRowResponse.newBuilder()
                .setConsumed(Protos.consumed(0, 1));
        if (out != null) {
            b.setRow(Protos.encodeRow(out));
        }
        return b.build();
    }

    private OtsInternalApi.DeleteRowResponse deleteRow(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.DeleteRowRequest r = OtsInternalApi.DeleteRowRequest.parseFrom(body);
        PbRow out = write(r.getTableName(), Protos.change(RowChange.Type.DELETE, r.getPrimaryKey(), r.hasCondition(),
                r.getCondition(), r.hasReturnContent(), r.getReturnContent()));
        OtsInternalApi.DeleteRowResponse.Builder b = OtsInternalApi.DeleteRowResponse.newBuilder()
                .setConsumed(Protos.consumed(0, 1));
        if (out != null) {
            b.setRow(Protos.encodeRow(out));
        }
        return b.build();
    }

    private OtsInternalApi.GetRowResponse getRow(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.GetRowRequest r = OtsInternalApi.GetRowRequest.parseFrom(body);
        Table table = db.table(r.getTableName());
        ReadSpec spec = Protos.readSpec(r.getColumnsToGetList(), r.hasTimeRange(), r.getTimeRange(),
                r.hasMaxVersions(), r.getMaxVersions(), r.hasFilter(), r.getFilter(), r.hasStartColumn(),
                r.getStartColumn(), r.hasEndColumn(), r.getEndColumn());
        PbRow row = readRow(db, table, Protos.decodeRow(r.getPrimaryKey()), spec);
        return OtsInternalApi.GetRowResponse.newBuilder()
                .setConsumed(Protos.consumed(1, 0))
                .setRow(Protos.encodeRow(row))
                .build();
    }

    static PbRow readRow(Database db, Table table, PbRow pkRow, ReadSpec spec) {
        List<Value> pk = PrimaryKeys.validate(table.info(), pkRow.primaryKey(), PrimaryKeys.Use.ROW);
        byte[] stored = table.rows().get(KeyCodec.encode(pk));
        return RowReader.read(table.info(), RowReader.decode(stored), spec, db.clock().nowMillis());
    }
}
