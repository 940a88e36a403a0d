package io.tablesync.tablestore.local;

import static io.tablesync.tablestore.local.SdkFixture.assertOtsError;
import static io.tablesync.tablestore.local.SdkFixture.pk;
import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.*;
import com.alicloud.openservices.tablestore.model.filter.SingleColumnValueFilter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 15 item 4: behaviour the service has and clients rely on, through the unmodified SDK. */
class ServiceSemanticsTest {

    static TablestoreLocal server;
    static SyncClient client;

    @BeforeAll
    static void start() {
        server = TablestoreLocal.builder().build().start();
        client = SdkFixture.syncClient(server);
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        server.close();
    }

    private static RowPutChange put(String table, String p, long n) {
        RowPutChange put = new RowPutChange(table, pk(p, n));
        put.addColumn("v", ColumnValue.fromLong(n));
        return put;
    }

    @Test
    void atomicBatchOverDifferentPartitionKeysFailsEveryRow() {
        String t = SdkFixture.uniqueTable("atomic");
        SdkFixture.createTable(client, t, 1, false);
        BatchWriteRowRequest mixed = new BatchWriteRowRequest();
        mixed.setAtomic(true);
        for (int i = 0; i < 3; i++) {
            mixed.addRowChange(put(t, String.valueOf(i), i));
        }
        BatchWriteRowResponse r = client.batchWriteRow(mixed);
        assertThat(r.getSucceedRows()).isEmpty();
        assertThat(r.getFailedRows()).hasSize(3).allSatisfy(row -> {
            assertThat(row.getError().getCode()).isEqualTo("OTSDataOutOfRange");
            assertThat(row.getError().getMessage()).isEqualTo("Data out of scope of atomic. Atomic PartKey:0. Data PartKey:1");
        });
        SingleRowQueryCriteria get = new SingleRowQueryCriteria(t, pk("0", 0));
        get.setMaxVersions(1);
        assertThat(client.getRow(new GetRowRequest(get)).getRow()).isNull();

        BatchWriteRowRequest same = new BatchWriteRowRequest();
        same.setAtomic(true);
        for (int i = 0; i < 3; i++) {
            same.addRowChange(put(t, "p", i));
        }
        assertThat(client.batchWriteRow(same).isAllSucceed()).isTrue();

        // Atomic means all or nothing: one failed condition keeps the other rows of the table unwritten.
        BatchWriteRowRequest oneFails = new BatchWriteRowRequest();
        oneFails.setAtomic(true);
        oneFails.addRowChange(put(t, "p", 10));
        RowPutChange conditional = put(t, "p", 0);
        conditional.setCondition(new Condition(RowExistenceExpectation.EXPECT_NOT_EXIST));
        oneFails.addRowChange(conditional);
        BatchWriteRowResponse failed = client.batchWriteRow(oneFails);
        assertThat(failed.getFailedRows()).hasSize(2);
        SingleRowQueryCriteria get10 = new SingleRowQueryCriteria(t, pk("p", 10));
        get10.setMaxVersions(1);
        assertThat(client.getRow(new GetRowRequest(get10)).getRow()).isNull();
    }

    @Test
    void rangeFiltersSeePrimaryKeyColumns() {
        String t = SdkFixture.uniqueTable("pkfilter");
        SdkFixture.createTable(client, t, 1, false);
        for (int n = -2; n <= 2; n++) {
            client.putRow(new PutRowRequest(put(t, "a", n)));
        }
        RangeRowQueryCriteria c = new RangeRowQueryCriteria(t);
        c.setInclusiveStartPrimaryKey(PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("pk", PrimaryKeyValue.INF_MIN).addPrimaryKeyColumn("n", PrimaryKeyValue.INF_MIN).build());
        c.setExclusiveEndPrimaryKey(PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("pk", PrimaryKeyValue.INF_MAX).addPrimaryKeyColumn("n", PrimaryKeyValue.INF_MAX).build());
        c.setMaxVersions(1);
        c.setFilter(new SingleColumnValueFilter("n", SingleColumnValueFilter.CompareOperator.LESS_THAN,
                ColumnValue.fromLong(0)));
        List<Row> rows = client.getRange(new GetRangeRequest(c)).getRows();
        assertThat(rows).extracting(r -> r.getPrimaryKey().getPrimaryKeyColumn("n").getValue().asLong())
                .containsExactly(-2L, -1L);
    }

    @Test
    void afterModifyReturnsIncrementColumnsOnly() {
        String t = SdkFixture.uniqueTable("aftermod");
        SdkFixture.createTable(client, t, 1, false);
        RowUpdateChange ok = new RowUpdateChange(t, pk("a", 1));
        ok.increment(new Column("price", ColumnValue.fromLong(10)));
        ok.setReturnType(ReturnType.RT_AFTER_MODIFY);
        ok.addReturnColumn("price");
        assertThat(client.updateRow(new UpdateRowRequest(ok)).getRow().getLatestColumn("price").getValue().asLong())
                .isEqualTo(10);

        RowUpdateChange notIncrement = new RowUpdateChange(t, pk("a", 1));
        notIncrement.increment(new Column("price", ColumnValue.fromLong(10)));
        notIncrement.put("other", ColumnValue.fromLong(100));
        notIncrement.setReturnType(ReturnType.RT_AFTER_MODIFY);
        notIncrement.addReturnColumn("price");
        notIncrement.addReturnColumn("other");
        var e = SdkFixture.otsError(() -> client.updateRow(new UpdateRowRequest(notIncrement)));
        assertThat(e.getErrorCode()).isEqualTo("OTSParameterInvalid");
        SingleRowQueryCriteria get = new SingleRowQueryCriteria(t, pk("a", 1));
        get.setMaxVersions(1);
        Row row = client.getRow(new GetRowRequest(get)).getRow();
        assertThat(row.getLatestColumn("price").getValue().asLong()).isEqualTo(10);
        assertThat(row.getLatestColumn("other")).isNull();
    }

    @Test
    void updateRowWithAnAutoIncrementKeyCreatesTheRow() {
        String t = SdkFixture.uniqueTable("autoupd");
        TableMeta meta = new TableMeta(t);
        meta.addPrimaryKeyColumn("part", PrimaryKeyType.STRING);
        meta.addAutoIncrementPrimaryKeyColumn("id");
        client.createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
        RowUpdateChange u = new RowUpdateChange(t, PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("part", PrimaryKeyValue.fromString("p"))
                .addPrimaryKeyColumn("id", PrimaryKeyValue.AUTO_INCREMENT).build());
        u.increment(new Column("price", ColumnValue.fromLong(1)));
        u.setReturnType(ReturnType.RT_PK);
        PrimaryKey generated = client.updateRow(new UpdateRowRequest(u)).getRow().getPrimaryKey();
        assertThat(generated.getPrimaryKeyColumn("id").getValue().asLong()).isPositive();
        SingleRowQueryCriteria get = new SingleRowQueryCriteria(t, generated);
        get.setMaxVersions(1);
        assertThat(client.getRow(new GetRowRequest(get)).getRow().getLatestColumn("price").getValue().asLong())
                .isEqualTo(1);
    }

    @Test
    void mayMoreRecordStaysTrueOnTheLastRecordsPageAndTurnsFalseOnTheEmptyRead() {
        String t = SdkFixture.uniqueTable("maymore");
        SdkFixture.createTable(client, t, 1, true);
        for (int i = 0; i < 3; i++) {
            client.putRow(new PutRowRequest(put(t, "k", i)));
        }
        String streamId = StreamReader.streamId(client, t);
        String shard = client.describeStream(new DescribeStreamRequest(streamId)).getShards().get(0).getShardId();
        GetStreamRecordRequest req = new GetStreamRecordRequest(
                client.getShardIterator(new GetShardIteratorRequest(streamId, shard)).getShardIterator());
        req.setLimit(1);
        for (int i = 0; i < 3; i++) {
            GetStreamRecordResponse r = client.getStreamRecord(req);
            assertThat(r.getRecords()).hasSize(1);
            assertThat(r.getMayMoreRecord()).isTrue();
            req.setShardIterator(r.getNextShardIterator());
        }
        GetStreamRecordResponse last = client.getStreamRecord(req);
        assertThat(last.getRecords()).isEmpty();
        assertThat(last.getMayMoreRecord()).isFalse();
    }

    @Test
    void createTableWithSecondaryIndexesIsUnsupported() {
        String t = SdkFixture.uniqueTable("indexed");
        TableMeta meta = new TableMeta(t);
        meta.addPrimaryKeyColumn("pk", PrimaryKeyType.STRING);
        meta.addDefinedColumn("col", DefinedColumnType.STRING);
        IndexMeta index = new IndexMeta(t + "_idx");
        index.addPrimaryKeyColumn("col");
        CreateTableRequest req = new CreateTableRequest(meta, new TableOptions(-1, 1));
        req.addIndex(index);
        assertOtsError(() -> client.createTable(req), "OTSUnsupportOperation", 400,
                "Secondary indexes are not supported by tablestore-local; create the table without index_metas.");
        assertThat(client.listTable().getTableNames()).doesNotContain(t);
    }
}
