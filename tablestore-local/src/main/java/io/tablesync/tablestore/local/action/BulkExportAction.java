package io.tablesync.tablestore.local.action;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.tablesync.tablestore.local.engine.Database;
import io.tablesync.tablestore.local.engine.Limits;
import io.tablesync.tablestore.local.engine.ReadSpec;
import io.tablesync.tablestore.local.plainbuffer.Cell;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferWriter;
import io.tablesync.tablestore.local.rowmatrix.SimpleRowMatrixWriter;
import io.tablesync.tablestore.local.storage.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * BulkExport: a forward range read for bulk copies, paged like GetRange (the same {@link RangeScan}) but returning
 * each row's newest values only, by default as one SimpleRowMatrix block (field names once, then one value per
 * field per row) instead of PlainBuffer cells.
 *
 * <p>The block's fields: the requested key columns in schema order (all of them when no column is named), then the
 * requested attribute columns by name — or, when no column is named, every attribute some row of the page has.
 */
final class BulkExportAction {

    private final Database db;

    BulkExportAction(Database db) {
        this.db = db;
    }

    void register(Map<String, Action> actions) {
        actions.put("BulkExport", this::bulkExport);
    }

    private OtsInternalApi.BulkExportResponse bulkExport(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.BulkExportRequest r = OtsInternalApi.BulkExportRequest.parseFrom(body);
        Limits.checkTableName(r.getTableName());
        ReadSpec spec = Protos.readSpec(r.getColumnsToGetList(), false, OtsInternalApi.TimeRange.getDefaultInstance(),
                true, 1, r.hasFilter(), r.getFilter(), false, "", false, "", Protos.NO_VERSION_CONDITION);
        RangeScan.Page page = RangeScan.read(db, r.getTableName(), r.getInclusiveStartPrimaryKey(),
                r.getExclusiveEndPrimaryKey(), false, spec, 0);
        OtsInternalApi.DataBlockType type = r.getDataBlockTypeHint();
        byte[] rows = type == OtsInternalApi.DataBlockType.DBT_PLAIN_BUFFER
                ? PlainBufferWriter.encodeRows(page.rows())
                : simpleRowMatrix(page.table(), r.getColumnsToGetList(), page.rows());
        OtsInternalApi.BulkExportResponse.Builder b = OtsInternalApi.BulkExportResponse.newBuilder()
                .setConsumed(Protos.consumed(page.readUnits(), 0))
                .setRows(ByteString.copyFrom(rows))
                .setDataBlockType(type);
        if (page.nextKey() != null) {
            b.setNextStartPrimaryKey(page.encodedNextKey());
        }
        return b.build();
    }

    private static byte[] simpleRowMatrix(TableInfo table, List<String> columnsToGet, List<PbRow> rows) {
        List<String> keyFields = new ArrayList<>();
        for (TableInfo.PkColumn pk : table.primaryKey()) {
            if (columnsToGet.isEmpty() || columnsToGet.contains(pk.name())) {
                keyFields.add(pk.name());
            }
        }
        Set<String> attributeFields = new TreeSet<>();
        if (columnsToGet.isEmpty()) {
            for (PbRow row : rows) {
                for (Cell c : row.cells()) {
                    attributeFields.add(c.name());
                }
            }
        } else {
            attributeFields.addAll(columnsToGet);
            attributeFields.removeAll(keyFields);
        }
        return SimpleRowMatrixWriter.encode(keyFields, keyFields.size() == table.primaryKey().size(),
                List.copyOf(attributeFields), rows);
    }
}
