package io.tablesync.tablestore.local;

import static io.tablesync.tablestore.local.SdkFixture.assertOtsError;
import static io.tablesync.tablestore.local.SdkFixture.pk;
import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.InternalClient;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 5: partitions and stream shards as on the service (one per partition, pre-split by CreateTable's
 * split points), ComputeSplitPointsBySize, capacity units by data size; the non-service {@code shards} test option
 * and the admin split/merge hooks keep working.
 */
class PartitionsAndCapacityTest {

    static TablestoreLocal server;
    static SyncClient client;
    /** The SDK's client for CreateTable with split points (SyncClient has no such call). */
    static InternalClient internal;

    @BeforeAll
    static void start() {
        server = TablestoreLocal.builder().build().start();
        client = SdkFixture.syncClient(server);
        internal = new InternalClient(server.endpoint(), server.accessKeyId(), server.accessKeySecret(),
                server.instance(), SdkFixture.config());
    }

    @AfterAll
    static void stop() {
        internal.shutdown();
        client.shutdown();
        server.close();
    }

    private static CreateTableRequestEx tableWithPoints(String name, List<PrimaryKeyValue> points, boolean stream) {
        TableMeta meta = new TableMeta(name);
        meta.addPrimaryKeyColumn("pk", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("n", PrimaryKeyType.INTEGER);
        CreateTableRequestEx req = new CreateTableRequestEx(meta, new TableOptions(-1, 1));
        req.setSplitPoints(points);
        if (stream) {
            req.setStreamSpecification(new StreamSpecification(true, 24));
        }
        return req;
    }

    private static List<PrimaryKeyValue> shardSplits(String table) {
        List<PrimaryKeyValue> out = new ArrayList<>();
        for (PrimaryKey p : client.describeTable(new DescribeTableRequest(table)).getShardSplits()) {
            out.add(p.getPrimaryKeyColumn(0).getValue());
        }
        return out;
    }

    private static void put(String table, String p, long n) {
        RowPutChange put = new RowPutChange(table, pk(p, n));
        put.addColumn("v", ColumnValue.fromLong(n));
        client.putRow(new PutRowRequest(put));
    }

    /** Partition key of every record, per shard. */
    private static Map<String, List<String>> keysPerShard(String table) {
        Map<String, List<StreamRecord>> all = StreamReader.readAll(client, StreamReader.streamId(client, table));
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        all.forEach((shard, records) -> {
            List<String> keys = new ArrayList<>();
            records.forEach(r -> keys.add(r.getPrimaryKey().getPrimaryKeyColumn("pk").getValue().asString()));
            out.put(shard, keys);
        });
        return out;
    }

    @Test
    void aNewTableHasOnePartitionAndOneShard() {
        String t = SdkFixture.uniqueTable("onepart");
        SdkFixture.createTable(client, t, 1, true);
        assertThat(shardSplits(t)).isEmpty();
        assertThat(client.describeStream(new DescribeStreamRequest(StreamReader.streamId(client, t))).getShards())
                .hasSize(1);
    }

    @Test
    void splitPointsCreatePartitionsAndStreamShardsFollowThem() throws Exception {
        String t = SdkFixture.uniqueTable("presplit");
        List<PrimaryKeyValue> points = List.of(PrimaryKeyValue.fromString("g"), PrimaryKeyValue.fromString("p"));
        internal.createTableEx(tableWithPoints(t, points, true), null).get();
        assertThat(shardSplits(t)).isEqualTo(points);
        for (String p : List.of("a", "h", "z", "b", "p")) {
            put(t, p, 1);
        }
        // A split point starts the next partition: "p" is in [p, INF_MAX).
        assertThat(keysPerShard(t).values()).containsExactly(List.of("a", "b"), List.of("h"), List.of("z", "p"));
    }

    @Test
    void splitPointsAreValidatedAsTheServiceDoes() throws Exception {
        List<PrimaryKeyValue> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(PrimaryKeyValue.fromString("k" + i));
        }
        assertCreateFails(tableWithPoints(SdkFixture.uniqueTable("toomany"), ten, false),
                "The count of partitions cannot be greater than 10");
        assertCreateFails(tableWithPoints(SdkFixture.uniqueTable("empty"), List.of(PrimaryKeyValue.fromString("")), false),
                "The value of partition range can not be empty string.");

        TableMeta ints = new TableMeta(SdkFixture.uniqueTable("intmin"));
        ints.addPrimaryKeyColumn("pk", PrimaryKeyType.INTEGER);
        CreateTableRequestEx minValue = new CreateTableRequestEx(ints, new TableOptions(-1, 1));
        minValue.setSplitPoints(List.of(PrimaryKeyValue.fromLong(Long.MIN_VALUE), PrimaryKeyValue.fromLong(5)));
        assertCreateFails(minValue, "The value of partition range can not be INT64_MIN or INT64_MAX.");

        // As in the service's own test: points checked by the SDK against an INTEGER key, then sent for a STRING key.
        CreateTableRequestEx mismatch = new CreateTableRequestEx(ints, new TableOptions(-1, 1));
        mismatch.setSplitPoints(List.of(PrimaryKeyValue.fromLong(10)));
        TableMeta strings = new TableMeta(SdkFixture.uniqueTable("mismatch"));
        strings.addPrimaryKeyColumn("pk", PrimaryKeyType.STRING);
        mismatch.setTableMeta(strings);
        assertCreateFails(mismatch, "The value type of partition does not match with primary key.");
    }

    private static void assertCreateFails(CreateTableRequestEx req, String message) {
        assertOtsError(() -> {
            try {
                internal.createTableEx(req, null).get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw (RuntimeException) e.getCause();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "OTSParameterInvalid", 400, message);
        assertThat(client.listTable().getTableNames()).doesNotContain(req.getTableMeta().getTableName());
    }

    @Test
    void adminSplitAndMergeChangePartitionsWhenShardsFollowThem() {
        String t = SdkFixture.uniqueTable("adminsplit");
        SdkFixture.createTable(client, t, 1, true);
        for (String p : List.of("a", "b", "c", "d", "e", "f")) {
            put(t, p, 1);
        }
        String streamId = StreamReader.streamId(client, t);
        String parent = client.describeStream(new DescribeStreamRequest(streamId)).getShards().get(0).getShardId();
        List<String> children = server.splitShard(t, parent);
        assertThat(shardSplits(t)).containsExactly(PrimaryKeyValue.fromString("d"));
        put(t, "a", 2);
        put(t, "z", 2);
        Map<String, List<String>> keys = keysPerShard(t);
        assertThat(keys.get(parent)).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(keys.get(children.get(0))).containsExactly("a");
        assertThat(keys.get(children.get(1))).containsExactly("z");

        String merged = server.mergeShards(t, children.get(0), children.get(1));
        assertThat(shardSplits(t)).isEmpty();
        put(t, "m", 3);
        assertThat(keysPerShard(t).get(merged)).containsExactly("m");
    }

    @Test
    void theShardsTestOptionSpreadsRowsOverThatManyShards() {
        try (TablestoreLocal hashed = TablestoreLocal.builder().shards(3).build().start()) {
            SyncClient c = SdkFixture.syncClient(hashed);
            try {
                SdkFixture.createTable(c, "hashed", 1, true);
                String streamId = StreamReader.streamId(c, "hashed");
                List<StreamShard> shards = c.describeStream(new DescribeStreamRequest(streamId)).getShards();
                assertThat(shards).hasSize(3);
                assertThat(hashed.splitShard("hashed", shards.get(0).getShardId())).hasSize(2);
                assertThat(c.describeTable(new DescribeTableRequest("hashed")).getShardSplits()).isEmpty();
            } finally {
                c.shutdown();
            }
        }
    }

    @Test
    void computeSplitPointsBySizeCutsAtPartitionKeysAfterEachSplitSize() {
        String t = SdkFixture.uniqueTable("splits");
        SdkFixture.createTable(client, t, 1, false);
        ComputeSplitsBySizeRequest empty = new ComputeSplitsBySizeRequest();
        empty.setTableName(t);
        empty.setSplitSizeIn100MB(1);
        ComputeSplitsBySizeResponse e = client.computeSplitsBySize(empty);
        assertThat(e.getSplits()).hasSize(1);
        assertThat(e.getSplits().get(0).getLocation()).hasSize(32);
        assertThat(e.getSplits().get(0).getLowerBound()).isEqualTo(bound(PrimaryKeyValue.INF_MIN));
        assertThat(e.getSplits().get(0).getUpperBound()).isEqualTo(bound(PrimaryKeyValue.INF_MAX));
        assertThat(e.getConsumedCapacity().getCapacityUnit().getReadCapacityUnit()).isEqualTo(1);
        assertThat(e.getConsumedCapacity().getCapacityUnit().getWriteCapacityUnit()).isEqualTo(0);

        // 24 rows of about 100 KB (pk "r00".."r23"): 11 rows pass 1 MB, so points follow r10 and r21.
        for (int i = 0; i < 24; i++) {
            RowPutChange p = new RowPutChange(t, pk(String.format("r%02d", i), i));
            p.addColumn("v", ColumnValue.fromBinary(new byte[100 * 1024]));
            client.putRow(new PutRowRequest(p));
        }
        ComputeSplitsBySizeRequest bySize = new ComputeSplitsBySizeRequest();
        bySize.setTableName(t);
        bySize.setSplitSizeInByte(1, 1024 * 1024);
        List<Split> splits = client.computeSplitsBySize(bySize).getSplits();
        PrimaryKey p1 = PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("pk", PrimaryKeyValue.fromString("r10\u0000"))
                .addPrimaryKeyColumn("n", PrimaryKeyValue.INF_MIN).build();
        PrimaryKey p2 = PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("pk", PrimaryKeyValue.fromString("r21\u0000"))
                .addPrimaryKeyColumn("n", PrimaryKeyValue.INF_MIN).build();
        assertThat(splits).extracting(Split::getLowerBound).containsExactly(bound(PrimaryKeyValue.INF_MIN), p1, p2);
        assertThat(splits).extracting(Split::getUpperBound).containsExactly(p1, p2, bound(PrimaryKeyValue.INF_MAX));

        bySize.setSplitPointLimit(1);
        assertThat(client.computeSplitsBySize(bySize).getSplits()).extracting(Split::getUpperBound)
                .containsExactly(p1, bound(PrimaryKeyValue.INF_MAX));

        ComputeSplitsBySizeRequest zero = new ComputeSplitsBySizeRequest();
        zero.setTableName(t);
        zero.setSplitSizeIn100MB(0);
        assertOtsError(() -> client.computeSplitsBySize(zero), "OTSParameterInvalid", 400,
                "The split_size should be greater than 0.");
        ComputeSplitsBySizeRequest smallUnit = new ComputeSplitsBySizeRequest();
        smallUnit.setTableName(t);
        smallUnit.setSplitSizeInByte(1000, 0);
        assertOtsError(() -> client.computeSplitsBySize(smallUnit), "OTSParameterInvalid", 400,
                "The split_size_unit_in_byte should be greater equal than: 1048576");
    }

    private static PrimaryKey bound(PrimaryKeyValue v) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder().addPrimaryKeyColumn("pk", v).addPrimaryKeyColumn("n", v).build();
    }

    @Test
    void capacityUnitsFollowDataSizeInFourKilobyteUnitsAndConditionChecksRead() {
        String t = SdkFixture.uniqueTable("cu");
        SdkFixture.createTable(client, t, 1, false);
        // Key "pk"+"a" and "n"+8 bytes = 12 bytes; column "v" + 10240 bytes: 10,253 bytes = 3 units of 4 KB.
        RowPutChange big = new RowPutChange(t, pk("a", 1));
        big.addColumn("v", ColumnValue.fromBinary(new byte[10240]));
        CapacityUnit put = client.putRow(new PutRowRequest(big)).getConsumedCapacity().getCapacityUnit();
        assertThat(List.of(put.getReadCapacityUnit(), put.getWriteCapacityUnit())).containsExactly(0, 3);

        RowPutChange conditional = new RowPutChange(t, pk("b", 1));
        conditional.addColumn("v", ColumnValue.fromLong(1));
        conditional.setCondition(new Condition(RowExistenceExpectation.EXPECT_NOT_EXIST));
        CapacityUnit checked = client.putRow(new PutRowRequest(conditional)).getConsumedCapacity().getCapacityUnit();
        assertThat(List.of(checked.getReadCapacityUnit(), checked.getWriteCapacityUnit())).containsExactly(1, 1);

        SingleRowQueryCriteria get = new SingleRowQueryCriteria(t, pk("a", 1));
        get.setMaxVersions(1);
        assertThat(client.getRow(new GetRowRequest(get)).getConsumedCapacity().getCapacityUnit().getReadCapacityUnit())
                .isEqualTo(3);
        SingleRowQueryCriteria absent = new SingleRowQueryCriteria(t, pk("zz", 1));
        absent.setMaxVersions(1);
        assertThat(client.getRow(new GetRowRequest(absent)).getConsumedCapacity().getCapacityUnit()
                .getReadCapacityUnit()).isEqualTo(1);

        BatchWriteRowRequest batch = new BatchWriteRowRequest();
        batch.addRowChange(big);
        batch.addRowChange(new RowDeleteChange(t, pk("b", 1)));
        BatchWriteRowResponse br = client.batchWriteRow(batch);
        assertThat(br.getSucceedRows()).extracting(r -> r.getConsumedCapacity().getCapacityUnit().getWriteCapacityUnit())
                .containsExactly(3, 1);

        RangeRowQueryCriteria range = new RangeRowQueryCriteria(t);
        range.setInclusiveStartPrimaryKey(bound(PrimaryKeyValue.INF_MIN));
        range.setExclusiveEndPrimaryKey(bound(PrimaryKeyValue.INF_MAX));
        range.setMaxVersions(1);
        assertThat(client.getRange(new GetRangeRequest(range)).getConsumedCapacity().getCapacityUnit()
                .getReadCapacityUnit()).isEqualTo(3);
    }
}
