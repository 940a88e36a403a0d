package io.tablesync.tablestore.local.action;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.tablesync.tablestore.local.engine.DataSize;
import io.tablesync.tablestore.local.engine.Database;
import io.tablesync.tablestore.local.engine.Limits;
import io.tablesync.tablestore.local.engine.OtsException;
import io.tablesync.tablestore.local.engine.PrimaryKeys;
import io.tablesync.tablestore.local.engine.ReadSpec;
import io.tablesync.tablestore.local.engine.RowChange;
import io.tablesync.tablestore.local.engine.RowWriter;
import io.tablesync.tablestore.local.engine.Table;
import io.tablesync.tablestore.local.engine.Writes;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BatchWriteRow and BatchGetRow. As on the service, a request whose parameters are wrong (row count, table or column
 * names, key values, sizes — including one oversized cell or more than 4 MB of data in total) fails as a whole;
 * rows then succeed or fail one by one (a missing table, a key that does not fit the schema, a failed condition).
 * A BatchWriteRow is applied as one batch, so it costs one durable store write.
 */
final class BatchActions {

    private static final int MAX_WRITE_ROWS = 200;
    private static final int MAX_GET_ROWS = 100;
    private static final long MAX_WRITE_BYTES = 4L * 1024 * 1024;

    private final Database db;

    BatchActions(Database db) {
        this.db = db;
    }

    void register(Map<String, Action> actions) {
        actions.put("BatchWriteRow", this::batchWrite);
        actions.put("BatchGetRow", this::batchGet);
    }

    private static RowChange.Type type(OtsInternalApi.OperationType t) {
        switch (t) {
            case PUT:
                return RowChange.Type.PUT;
            case UPDATE:
                return RowChange.Type.UPDATE;
            default:
                return RowChange.Type.DELETE;
        }
    }

    private OtsInternalApi.BatchWriteRowResponse batchWrite(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.BatchWriteRowRequest req = OtsInternalApi.BatchWriteRowRequest.parseFrom(body);
        int total = 0;
        for (OtsInternalApi.TableInBatchWriteRowRequest t : req.getTablesList()) {
            total += t.getRowsCount();
        }
        if (total > MAX_WRITE_ROWS) {
            throw OtsException.parameterInvalid("Rows count exceeds the upper limit: " + MAX_WRITE_ROWS + ".");
        }
        if (total == 0) {
            throw OtsException.parameterInvalid("No row specified in the request of BatchWriteRow.");
        }
        List<RowChange> changes = new ArrayList<>(total);
        long bytes = 0;
        for (OtsInternalApi.TableInBatchWriteRowRequest t : req.getTablesList()) {
            Limits.checkTableName(t.getTableName());
            for (OtsInternalApi.RowInBatchWriteRowRequest r : t.getRowsList()) {
                RowChange c = Protos.change(type(r.getType()), r.getRowChange(), r.hasCondition(), r.getCondition(),
                        r.hasReturnContent(), r.getReturnContent());
                bytes += DataSize.of(c.row().primaryKey()) + DataSize.of(c.row().cells());
                changes.add(c);
            }
        }
        if (bytes > MAX_WRITE_BYTES) {
            throw OtsException.parameterInvalid("The total data size of BatchWriteRow request exceeds the limit, limit size: "
                    + MAX_WRITE_BYTES + ", data size: " + bytes + ".");
        }
        List<Writes.Row> rows = new ArrayList<>(total);
        int n = 0;
        for (OtsInternalApi.TableInBatchWriteRowRequest t : req.getTablesList()) {
            Table table = null;
            OtsException missing = null;
            try {
                table = db.table(t.getTableName());
            } catch (OtsException e) {
                missing = e;
            }
            for (int i = 0; i < t.getRowsCount(); i++) {
                rows.add(new Writes.Row(table, changes.get(n++), missing));
            }
        }
        List<Object> results = db.writes().batch(rows, req.hasIsAtomic() && req.getIsAtomic());
        OtsInternalApi.BatchWriteRowResponse.Builder resp = OtsInternalApi.BatchWriteRowResponse.newBuilder();
        n = 0;
        for (OtsInternalApi.TableInBatchWriteRowRequest t : req.getTablesList()) {
            OtsInternalApi.TableInBatchWriteRowResponse.Builder tb = OtsInternalApi.TableInBatchWriteRowResponse
                    .newBuilder().setTableName(t.getTableName());
            for (int i = 0; i < t.getRowsCount(); i++) {
                Object o = results.get(n++);
                OtsInternalApi.RowInBatchWriteRowResponse.Builder rb = OtsInternalApi.RowInBatchWriteRowResponse.newBuilder();
                if (o instanceof OtsException e) {
                    rb.setIsOk(false).setError(Protos.error(e));
                } else {
                    RowWriter.Applied a = (RowWriter.Applied) o;
                    rb.setIsOk(true).setConsumed(Protos.consumed(a.readUnits(), a.writeUnits()));
                    if (a.returned() != null) {
                        rb.setRow(Protos.encodeRow(a.returned()));
                    }
                }
                tb.addRows(rb);
            }
            resp.addTables(tb);
        }
        return resp.build();
    }

    private OtsInternalApi.BatchGetRowResponse batchGet(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.BatchGetRowRequest req = OtsInternalApi.BatchGetRowRequest.parseFrom(body);
        int total = 0;
        for (OtsInternalApi.TableInBatchGetRowRequest t : req.getTablesList()) {
            total += t.getPrimaryKeyCount();
        }
        if (total > MAX_GET_ROWS) {
            throw OtsException.parameterInvalid("Rows count exceeds the upper limit: " + MAX_GET_ROWS + ".");
        }
        List<ReadSpec> specs = new ArrayList<>();
        List<List<PbRow>> keys = new ArrayList<>();
        for (OtsInternalApi.TableInBatchGetRowRequest t : req.getTablesList()) {
            Limits.checkTableName(t.getTableName());
            specs.add(Protos.readSpec(t.getColumnsToGetList(), t.hasTimeRange(), t.getTimeRange(), t.hasMaxVersions(),
                    t.getMaxVersions(), t.hasFilter(), t.getFilter(), t.hasStartColumn(), t.getStartColumn(),
                    t.hasEndColumn(), t.getEndColumn(), Protos.NO_VERSION_CONDITION_BATCH));
            List<PbRow> tableKeys = new ArrayList<>();
            for (var pk : t.getPrimaryKeyList()) {
                tableKeys.add(Protos.decodeKey(pk, PrimaryKeys.Use.ROW));
            }
            keys.add(tableKeys);
        }
        OtsInternalApi.BatchGetRowResponse.Builder resp = OtsInternalApi.BatchGetRowResponse.newBuilder();
        for (int ti = 0; ti < req.getTablesCount(); ti++) {
            OtsInternalApi.TableInBatchGetRowRequest t = req.getTables(ti);
            OtsInternalApi.TableInBatchGetRowResponse.Builder tb = OtsInternalApi.TableInBatchGetRowResponse.newBuilder()
                    .setTableName(t.getTableName());
            Table table = null;
            OtsException missing = null;
            try {
                table = db.table(t.getTableName());
            } catch (OtsException e) {
                missing = e;
            }
            for (PbRow key : keys.get(ti)) {
                OtsInternalApi.RowInBatchGetRowResponse.Builder rb = OtsInternalApi.RowInBatchGetRowResponse.newBuilder();
                try {
                    if (missing != null) {
                        throw missing;
                    }
                    RowActions.Read read = RowActions.readRow(db, table, key, specs.get(ti));
                    rb.setIsOk(true).setConsumed(Protos.consumed(read.units(), 0)).setRow(Protos.encodeRow(read.row()));
                } catch (OtsException e) {
                    rb.setIsOk(false).setError(Protos.error(e));
                }
                tb.addRows(rb);
            }
            resp.addTables(tb);
        }
        return resp.build();
    }
}
