package io.tablesync.tablestore.local.action;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.tablesync.tablestore.local.engine.Database;
import io.tablesync.tablestore.local.engine.OtsException;
import io.tablesync.tablestore.local.engine.ReadSpec;
import io.tablesync.tablestore.local.engine.RowChange;
import io.tablesync.tablestore.local.engine.Table;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BatchWriteRow and BatchGetRow. Rows succeed or fail one by one (results in request order); a whole batch is
 * applied in one store mutation, so it costs one commit.
 */
final class BatchActions {

    private static final int MAX_WRITE_ROWS = 200;
    private static final int MAX_GET_ROWS = 100;

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
        // Decode and validate the request outside the write lock; apply everything in one mutation.
        List<List<Object>> prepared = new ArrayList<>();
        for (OtsInternalApi.TableInBatchWriteRowRequest t : req.getTablesList()) {
            List<Object> rows = new ArrayList<>();
            Table table = null;
            OtsException tableError = null;
            try {
                table = db.table(t.getTableName());
            } catch (OtsException e) {
                tableError = e;
            }
            for (OtsInternalApi.RowInBatchWriteRowRequest r : t.getRowsList()) {
                if (tableError != null) {
                    rows.add(tableError);
                    continue;
                }
                try {
                    rows.add(Protos.change(type(r.getType()), r.getRowChange(), r.hasCondition(), r.getCondition(),
                            r.hasReturnContent(), r.getReturnContent()));
                } catch (OtsException e) {
                    rows.add(e);
                }
            }
            rows.add(0, table);
            prepared.add(rows);
        }
        List<List<Object>> results = db.mutate(() -> {
            List<List<Object>> out = new ArrayList<>();
            for (List<Object> rows : prepared) {
                Table table = (Table) rows.get(0);
                List<Object> res = new ArrayList<>();
                for (int i = 1; i < rows.size(); i++) {
                    Object o = rows.get(i);
                    if (o instanceof OtsException) {
                        res.add(o);
                        continue;
                    }
                    try {
                        res.add(db.writer().apply(table, (RowChange) o));
                    } catch (OtsException e) {
                        res.add(e);
                    }
                }
                out.add(res);
            }
            return out;
        });
        OtsInternalApi.BatchWriteRowResponse.Builder resp = OtsInternalApi.BatchWriteRowResponse.newBuilder();
        for (int t = 0; t < req.getTablesCount(); t++) {
            OtsInternalApi.TableInBatchWriteRowResponse.Builder tb = OtsInternalApi.TableInBatchWriteRowResponse
                    .newBuilder().setTableName(req.getTables(t).getTableName());
            for (Object o : results.get(t)) {
                OtsInternalApi.RowInBatchWriteRowResponse.Builder rb = OtsInternalApi.RowInBatchWriteRowResponse.newBuilder();
                if (o instanceof OtsException) {
                    rb.setIsOk(false).setError(Protos.error((OtsException) o));
                } else {
                    rb.setIsOk(true).setConsumed(Protos.consumed(0, 1));
                    if (o != null) {
                        rb.setRow(Protos.encodeRow((PbRow) o));
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
        OtsInternalApi.BatchGetRowResponse.Builder resp = OtsInternalApi.BatchGetRowResponse.newBuilder();
        for (OtsInternalApi.TableInBatchGetRowRequest t : req.getTablesList()) {
            OtsInternalApi.TableInBatchGetRowResponse.Builder tb = OtsInternalApi.TableInBatchGetRowResponse.newBuilder()
                    .setTableName(t.getTableName());
            Table table = null;
            ReadSpec spec = null;
            OtsException tableError = null;
            try {
                table = db.table(t.getTableName());
                spec = Protos.readSpec(t.getColumnsToGetList(), t.hasTimeRange(), t.getTimeRange(), t.hasMaxVersions(),
                        t.getMaxVersions(), t.hasFilter(), t.getFilter(), t.hasStartColumn(), t.getStartColumn(),
                        t.hasEndColumn(), t.getEndColumn());
            } catch (OtsException e) {
                tableError = e;
            }
            for (var pk : t.getPrimaryKeyList()) {
                OtsInternalApi.RowInBatchGetRowResponse.Builder rb = OtsInternalApi.RowInBatchGetRowResponse.newBuilder();
                try {
                    if (tableError != null) {
                        throw tableError;
                    }
                    PbRow row = RowActions.readRow(db, table, Protos.decodeRow(pk), spec);
                    rb.setIsOk(true).setConsumed(Protos.consumed(1, 0)).setRow(Protos.encodeRow(row));
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
