package io.tablesync.tablestore.local.action;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.tablesync.tablestore.local.engine.Database;
import io.tablesync.tablestore.local.engine.Limits;
import io.tablesync.tablestore.local.engine.OtsException;
import io.tablesync.tablestore.local.engine.ReadSpec;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferWriter;
import java.util.Map;

/**
 * GetRange: rows between an inclusive start and an exclusive end key, forward or backward, as PlainBuffer. A page
 * ends where {@link RangeScan} ends it; then next_start_primary_key names the next row in range.
 */
final class RangeAction {

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
        if (r.hasLimit() && r.getLimit() <= 0) {
            throw OtsException.parameterInvalid("The limit must be positive.");
        }
        RangeScan.Page page = RangeScan.read(db, r.getTableName(), r.getInclusiveStartPrimaryKey(),
                r.getExclusiveEndPrimaryKey(), r.getDirection() == OtsInternalApi.Direction.BACKWARD, spec,
                r.hasLimit() ? r.getLimit() : 0);
        OtsInternalApi.GetRangeResponse.Builder b = OtsInternalApi.GetRangeResponse.newBuilder()
                .setConsumed(Protos.consumed(page.readUnits(), 0))
                .setRows(ByteString.copyFrom(PlainBufferWriter.encodeRows(page.rows())));
        if (page.nextKey() != null) {
            b.setNextStartPrimaryKey(page.encodedNextKey());
        }
        return b.build();
    }
}
