package io.tablesync.tablestore.local.action;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.tablesync.tablestore.local.engine.Database;
import io.tablesync.tablestore.local.engine.Limits;
import io.tablesync.tablestore.local.engine.OtsException;
import io.tablesync.tablestore.local.engine.SplitPoints;
import io.tablesync.tablestore.local.plainbuffer.Cell;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.storage.TableInfo;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * ComputeSplitPointsBySize: partition-key points that cut a table into pieces of about split_size ×
 * split_size_unit_in_byte bytes (100 MB units by default), for parallel scans such as a snapshot reader. The
 * points carry only the partition key (the SDK fills the other key columns with INF_MIN); every split is located
 * on this one server.
 */
final class SplitPointsAction {

    private static final long DEFAULT_UNIT_BYTES = 100L * 1024 * 1024;
    private static final long MIN_UNIT_BYTES = 1024 * 1024;

    private final Database db;

    SplitPointsAction(Database db) {
        this.db = db;
    }

    void register(Map<String, Action> actions) {
        actions.put("ComputeSplitPointsBySize", this::compute);
    }

    private OtsInternalApi.ComputeSplitPointsBySizeResponse compute(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.ComputeSplitPointsBySizeRequest r = OtsInternalApi.ComputeSplitPointsBySizeRequest.parseFrom(body);
        Limits.checkTableName(r.getTableName());
        if (r.getSplitSize() <= 0) {
            throw OtsException.parameterInvalid("The split_size should be greater than 0.");
        }
        long unit = r.hasSplitSizeUnitInByte() ? r.getSplitSizeUnitInByte() : DEFAULT_UNIT_BYTES;
        if (unit < MIN_UNIT_BYTES) {
            throw OtsException.parameterInvalid("The split_size_unit_in_byte should be greater equal than: " + MIN_UNIT_BYTES);
        }
        if (r.hasSplitPointLimit() && r.getSplitPointLimit() <= 0) {
            throw OtsException.parameterInvalid("The value of SplitPointLimit must be greater than 0.");
        }
        TableInfo info = db.table(r.getTableName()).info();
        long splitBytes = r.getSplitSize() > Long.MAX_VALUE / unit ? Long.MAX_VALUE : r.getSplitSize() * unit;
        List<Value> points = SplitPoints.bySize(db.kv(), info, splitBytes,
                r.hasSplitPointLimit() ? r.getSplitPointLimit() : null);
        OtsInternalApi.ComputeSplitPointsBySizeResponse.Builder b = OtsInternalApi.ComputeSplitPointsBySizeResponse
                .newBuilder().setConsumed(Protos.consumed(1, 0));
        for (TableInfo.PkColumn c : info.primaryKey()) {
            OtsInternalApi.PrimaryKeySchema.Builder s = OtsInternalApi.PrimaryKeySchema.newBuilder().setName(c.name())
                    .setType(TableActions.protoType(c.type()));
            if (c.autoIncrement()) {
                s.setOption(OtsInternalApi.PrimaryKeyOption.AUTO_INCREMENT);
            }
            b.addSchema(s);
        }
        String pkName = info.primaryKey().get(0).name();
        for (Value p : points) {
            b.addSplitPoints(Protos.encodeRow(new PbRow(List.of(Cell.pk(pkName, p)), List.of())));
        }
        b.addLocations(OtsInternalApi.ComputeSplitPointsBySizeResponse.SplitLocation.newBuilder()
                .setLocation(location(info.name())).setRepeat(points.size() + 1));
        return b.build();
    }

    /** A 32-character location name, as the service's are; all splits live on this server. */
    private static String location(String table) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(("tablestore-local/" + table).getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, md5));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }
}
