package io.tablesync.tablestore.local.action;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import com.aliyun.ots.thirdparty.com.google.protobuf.UnknownFieldSet;
import io.tablesync.tablestore.local.engine.Database;
import io.tablesync.tablestore.local.engine.Limits;
import io.tablesync.tablestore.local.engine.OtsException;
import io.tablesync.tablestore.local.engine.SplitPoints;
import io.tablesync.tablestore.local.plainbuffer.Cell;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.storage.TableInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CreateTable, ListTable, DescribeTable, UpdateTable, DeleteTable. */
final class TableActions {

    private static final long DEFAULT_DEVIATION_SECONDS = 86400;

    /**
     * DescribeTableResponse field 4, table_status = ACTIVE (1). The Java SDK's generated classes no longer declare
     * it, but older protocol definitions (the Node.js SDK's among them) mark it required and reject a response
     * without it, so it is sent as a field the Java classes do not know.
     */
    private static final UnknownFieldSet TABLE_STATUS_ACTIVE = UnknownFieldSet.newBuilder()
            .addField(4, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
            .build();

    private final Database db;

    TableActions(Database db) {
        this.db = db;
    }

    void register(Map<String, Action> actions) {
        actions.put("CreateTable", this::createTable);
        actions.put("ListTable", body -> OtsInternalApi.ListTableResponse.newBuilder()
                .addAllTableNames(db.tableNames()).build());
        actions.put("DescribeTable", this::describeTable);
        actions.put("UpdateTable", this::updateTable);
        actions.put("DeleteTable", body -> {
            String name = OtsInternalApi.DeleteTableRequest.parseFrom(body).getTableName();
            Limits.checkTableName(name);
            db.deleteTable(name);
            return OtsInternalApi.DeleteTableResponse.getDefaultInstance();
        });
    }

    private OtsInternalApi.CreateTableResponse createTable(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.CreateTableRequest req = OtsInternalApi.CreateTableRequest.parseFrom(body);
        OtsInternalApi.TableMeta meta = req.getTableMeta();
        Limits.checkTableName(meta.getTableName());
        if (meta.getPrimaryKeyCount() < 1 || meta.getPrimaryKeyCount() > 4) {
            throw OtsException.parameterInvalid("The number of primary key columns must be in range: [1, 4].");
        }
        if (req.getIndexMetasCount() > 0) {
            throw OtsException.unsupported("Secondary indexes are not supported by tablestore-local; create the table"
                    + " without index_metas.");
        }
        List<TableInfo.PkColumn> pk = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (OtsInternalApi.PrimaryKeySchema s : meta.getPrimaryKeyList()) {
            if (!names.add(s.getName())) {
                throw OtsException.parameterInvalid("Duplicated primary key name: '" + s.getName() + "'.");
            }
            Limits.checkColumnName(s.getName());
            boolean autoInc = s.hasOption() && s.getOption() == OtsInternalApi.PrimaryKeyOption.AUTO_INCREMENT;
            Value.Type type = pkType(s.getType());
            if (autoInc && type != Value.Type.INTEGER) {
                throw OtsException.parameterInvalid("Auto increment column " + s.getName() + " must be INTEGER.");
            }
            pk.add(new TableInfo.PkColumn(s.getName(), type, autoInc));
        }
        if (pk.get(0).autoIncrement()) {
            throw OtsException.parameterInvalid("The partition key can not be an auto increment column.");
        }
        List<Value> splitPoints = SplitPoints.ofPartitions(req.getPartitionsList(), pk.get(0).type());
        List<TableInfo.DefinedColumn> defined = new ArrayList<>();
        for (OtsInternalApi.DefinedColumnSchema d : meta.getDefinedColumnList()) {
            defined.add(new TableInfo.DefinedColumn(d.getName(), d.getType().getNumber()));
        }
        OtsInternalApi.TableOptions o = req.getTableOptions();
        int ttl = o.hasTimeToLive() ? o.getTimeToLive() : -1;
        int maxVersions = o.hasMaxVersions() ? o.getMaxVersions() : 1;
        if (maxVersions < 1) {
            throw OtsException.parameterInvalid("max_versions must be at least 1.");
        }
        if (ttl == 0 || ttl < -1) {
            throw OtsException.parameterInvalid("time_to_live must be -1 or positive.");
        }
        OtsInternalApi.CapacityUnit cu = req.getReservedThroughput().getCapacityUnit();
        TableInfo draft = new TableInfo(meta.getTableName(), 0, 0, List.copyOf(pk), List.copyOf(defined), ttl,
                maxVersions,
                o.hasDeviationCellVersionInSec() ? o.getDeviationCellVersionInSec() : DEFAULT_DEVIATION_SECONDS,
                !o.hasAllowUpdate() || o.getAllowUpdate(),
                cu.getRead(), cu.getWrite(), 0, splitPoints, null, 0, List.of(), 0);
        db.createTable(draft, req.hasStreamSpec() ? streamSpec(req.getStreamSpec()) : null);
        return OtsInternalApi.CreateTableResponse.getDefaultInstance();
    }

    private static Database.StreamSpec streamSpec(OtsInternalApi.StreamSpecification s) {
        return new Database.StreamSpec(s.getEnableStream(), s.hasExpirationTime() ? s.getExpirationTime() : 24,
                s.getColumnsToGetList());
    }

    private static Value.Type pkType(OtsInternalApi.PrimaryKeyType t) {
        switch (t) {
            case INTEGER:
                return Value.Type.INTEGER;
            case STRING:
                return Value.Type.STRING;
            case BINARY:
                return Value.Type.BINARY;
            default:
                throw OtsException.parameterInvalid("Unsupported primary key type: " + t);
        }
    }

    static OtsInternalApi.PrimaryKeyType protoType(Value.Type t) {
        switch (t) {
            case INTEGER:
                return OtsInternalApi.PrimaryKeyType.INTEGER;
            case STRING:
                return OtsInternalApi.PrimaryKeyType.STRING;
            default:
                return OtsInternalApi.PrimaryKeyType.BINARY;
        }
    }

    private OtsInternalApi.DescribeTableResponse describeTable(byte[] body) throws InvalidProtocolBufferException {
        String name = OtsInternalApi.DescribeTableRequest.parseFrom(body).getTableName();
        Limits.checkTableName(name);
        TableInfo info = db.table(name).info();
        OtsInternalApi.TableMeta.Builder meta = OtsInternalApi.TableMeta.newBuilder().setTableName(info.name());
        for (TableInfo.PkColumn c : info.primaryKey()) {
            OtsInternalApi.PrimaryKeySchema.Builder s = OtsInternalApi.PrimaryKeySchema.newBuilder()
                    .setName(c.name()).setType(protoType(c.type()));
            if (c.autoIncrement()) {
                s.setOption(OtsInternalApi.PrimaryKeyOption.AUTO_INCREMENT);
            }
            meta.addPrimaryKey(s);
        }
        for (TableInfo.DefinedColumn d : info.definedColumns()) {
            meta.addDefinedColumn(OtsInternalApi.DefinedColumnSchema.newBuilder().setName(d.name())
                    .setType(OtsInternalApi.DefinedColumnType.valueOf(d.type())));
        }
        OtsInternalApi.DescribeTableResponse.Builder b = OtsInternalApi.DescribeTableResponse.newBuilder();
        for (Value point : info.splitPoints()) {
            b.addShardSplits(Protos.encodeRow(new PbRow(List.of(Cell.pk(info.primaryKey().get(0).name(), point)),
                    List.of())));
        }
        return b
                .setTableMeta(meta)
                .setReservedThroughputDetails(throughput(info))
                .setTableOptions(options(info))
                .setStreamDetails(streamDetails(info))
                .setCreationTime(info.creationTimeMicros())
                .setUnknownFields(TABLE_STATUS_ACTIVE)
                .build();
    }

    private static OtsInternalApi.ReservedThroughputDetails throughput(TableInfo info) {
        return OtsInternalApi.ReservedThroughputDetails.newBuilder()
                .setCapacityUnit(OtsInternalApi.CapacityUnit.newBuilder().setRead(info.reservedRead())
                        .setWrite(info.reservedWrite()))
                .setLastIncreaseTime(info.lastIncreaseTime())
                .build();
    }

    private static OtsInternalApi.TableOptions options(TableInfo info) {
        return OtsInternalApi.TableOptions.newBuilder()
                .setTimeToLive(info.timeToLive())
                .setMaxVersions(info.maxVersions())
                .setDeviationCellVersionInSec(info.deviationCellVersionInSec())
                .setAllowUpdate(info.allowUpdate())
                .build();
    }

    private static OtsInternalApi.StreamDetails streamDetails(TableInfo info) {
        OtsInternalApi.StreamDetails.Builder b = OtsInternalApi.StreamDetails.newBuilder()
                .setEnableStream(info.streamId() != null);
        if (info.streamId() != null) {
            b.setStreamId(info.streamId())
                    .setExpirationTime(info.streamExpirationHours())
                    .setLastEnableTime(info.streamLastEnableTime())
                    .addAllColumnToGet(info.streamOriginColumns());
        }
        return b.build();
    }

    private OtsInternalApi.UpdateTableResponse updateTable(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.UpdateTableRequest req = OtsInternalApi.UpdateTableRequest.parseFrom(body);
        Limits.checkTableName(req.getTableName());
        OtsInternalApi.TableOptions o = req.getTableOptions();
        boolean hasOptions = req.hasTableOptions();
        OtsInternalApi.CapacityUnit cu = req.getReservedThroughput().getCapacityUnit();
        boolean hasCu = req.hasReservedThroughput();
        TableInfo info = db.updateTable(req.getTableName(),
                hasOptions && o.hasTimeToLive() ? o.getTimeToLive() : null,
                hasOptions && o.hasMaxVersions() ? o.getMaxVersions() : null,
                hasOptions && o.hasDeviationCellVersionInSec() ? o.getDeviationCellVersionInSec() : null,
                hasOptions && o.hasAllowUpdate() ? o.getAllowUpdate() : null,
                hasCu && cu.hasRead() ? cu.getRead() : null,
                hasCu && cu.hasWrite() ? cu.getWrite() : null,
                req.hasStreamSpec() ? streamSpec(req.getStreamSpec()) : null);
        return OtsInternalApi.UpdateTableResponse.newBuilder()
                .setReservedThroughputDetails(throughput(info))
                .setTableOptions(options(info))
                .setStreamDetails(streamDetails(info))
                .build();
    }
}
