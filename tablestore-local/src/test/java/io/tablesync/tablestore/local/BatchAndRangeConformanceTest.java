package io.tablesync.tablestore.local;

import static io.tablesync.tablestore.local.SdkFixture.pk;
import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.*;
import com.alicloud.openservices.tablestore.model.filter.ColumnPaginationFilter;
import com.alicloud.openservices.tablestore.model.filter.SingleColumnValueFilter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BatchWriteRow, BatchGetRow and GetRange (directions, bounds, paging, versions, filters), Sync and Async. */
class BatchAndRangeConformanceTest {

    static TablestoreLocal server;
    static SyncClient client;
    static String table;

    @BeforeAll
    static void start() {
        server = TablestoreLocal.builder().build().start();
        client = SdkFixture.syncClient(server);
        table = SdkFixture.uniqueTable("range");
        SdkFixture.createTable(client, table, 1, false);
        // rows: pk in {a, b, c} x n in {1..10}, column v = n, column s = pk
        for (String p : List.of("a", "b", "c")) {
            BatchWriteRowRequest b = new BatchWriteRowRequest();
            for (int n = 1; n <= 10; n++) {
                RowPutChange put = new RowPutChange(table, pk(p, n));
                put.addColumn("v", ColumnValue.fromLong(n));
                put.addColumn("s", ColumnValue.fromString(p));
                b.addRowChange(put);
            }
            assertThat(client.batchWriteRow(b).isAllSucceed()).isTrue();
        }
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        server.close();
    }

    private static List<String> keys(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(r.getPrimaryKey().getPrimaryKeyColumn("pk").getValue().asString()
                    + r.getPrimaryKey().getPrimaryKeyColumn("n").getValue().asLong());
        }
        return out;
    }

    private static PrimaryKey bound(PrimaryKeyValue a, PrimaryKeyValue b) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder().addPrimaryKeyColumn("pk", a).addPrimaryKeyColumn("n", b).build();
    }

    @Test
    void forwardWithInfBoundsAndLimitPages() {
        RangeRowQueryCriteria c = new RangeRowQueryCriteria(table);
        c.setInclusiveStartPrimaryKey(bound(PrimaryKeyValue.fromString("b"), PrimaryKeyValue.INF_MIN));
        c.setExclusiveEndPrimaryKey(bound(PrimaryKeyValue.fromString("b"), PrimaryKeyValue.INF_MAX));
        c.setMaxVersions(1);
        c.setLimit(4);
        GetRangeResponse r = client.getRange(new GetRangeRequest(c));
        assertThat(keys(r.getRows())).containsExactly("b1", "b2", "b3", "b4");
        assertThat(r.getNextStartPrimaryKey()).isEqualTo(pk("b", 5));

        RangeIteratorParameter p = new RangeIteratorParameter(table);
        p.setInclusiveStartPrimaryKey(bound(PrimaryKeyValue.INF_MIN, PrimaryKeyValue.INF_MIN));
        p.setExclusiveEndPrimaryKey(bound(PrimaryKeyValue.INF_MAX, PrimaryKeyValue.INF_MAX));
        p.setMaxVersions(1);
        p.setBufferSize(7);
        List<Row> all = new ArrayList<>();
        client.createRangeIterator(p).forEachRemaining(all::add);
        assertThat(all).hasSize(30);
        assertThat(keys(all).get(0)).isEqualTo("a1");
        assertThat(keys(all).get(29)).isEqualTo("c10");
    }

    @Test
    void backwardIsDescendingAndEndExclusive() {
        RangeRowQueryCriteria c = new RangeRowQueryCriteria(table);
        c.setDirection(Direction.BACKWARD);
        c.setInclusiveStartPrimaryKey(pk("b", 3));
        c.setExclusiveEndPrimaryKey(pk("a", 8));
        c.setMaxVersions(1);
        GetRangeResponse r = client.getRange(new GetRangeRequest(c));
        assertThat(keys(r.getRows())).containsExactly("b3", "b2", "b1", "a10", "a9");
        assertThat(r.getNextStartPrimaryKey()).isNull();

        // DataX's "last row" probe: BACKWARD, limit 1 from INF_MAX.
        RangeRowQueryCriteria last = new RangeRowQueryCriteria(table);
        last.setDirection(Direction.BACKWARD);
        last.setInclusiveStartPrimaryKey(bound(PrimaryKeyValue.INF_MAX, PrimaryKeyValue.INF_MAX));
        last.setExclusiveEndPrimaryKey(bound(PrimaryKeyValue.INF_MIN, PrimaryKeyValue.INF_MIN));
        last.setMaxVersions(1);
        last.setLimit(1);
        assertThat(keys(client.getRange(new GetRangeRequest(last)).getRows())).containsExactly("c10");
    }

    @Test
    void wrongDirectionBoundsAreParameterInvalid() {
        RangeRowQueryCriteria c = new RangeRowQueryCriteria(table);
        c.setInclusiveStartPrimaryKey(pk("b", 3));
        c.setExclusiveEndPrimaryKey(pk("a", 1));
        c.setMaxVersions(1);
        try {
            client.getRange(new GetRangeRequest(c));
            throw new AssertionError("expected OTSParameterInvalid");
        } catch (TableStoreException e) {
            assertThat(e.getErrorCode()).isEqualTo("OTSParameterInvalid");
            assertThat(e.getMessage()).isEqualTo("Begin key must less than end key in FORWARD");
        }
    }

    @Test
    void filterAndColumnsToGetAndColumnPagination() {
        RangeRowQueryCriteria c = new RangeRowQueryCriteria(table);
        c.setInclusiveStartPrimaryKey(bound(PrimaryKeyValue.fromString("a"), PrimaryKeyValue.INF_MIN));
        c.setExclusiveEndPrimaryKey(bound(PrimaryKeyValue.fromString("a"), PrimaryKeyValue.INF_MAX));
        c.setMaxVersions(1);
        c.setFilter(new SingleColumnValueFilter("v", SingleColumnValueFilter.CompareOperator.GREATER_THAN,
                ColumnValue.fromLong(7)));
        c.addColumnsToGet("v");
        List<Row> rows = client.getRange(new GetRangeRequest(c)).getRows();
        assertThat(keys(rows)).containsExactly("a8", "a9", "a10");
        assertThat(rows.get(0).getColumns()).extracting(Column::getName).containsExactly("v");

        SingleRowQueryCriteria q = new SingleRowQueryCriteria(table, pk("c", 2));
        q.setMaxVersions(1);
        q.setFilter(new ColumnPaginationFilter(1, 0));
        Row page = client.getRow(new GetRowRequest(q)).getRow();
        assertThat(page.getColumns()).extracting(Column::getName).containsExactly("s");
    }

    @Test
    void batchGetRowReturnsRowsInRequestOrderWithPerRowErrors() {
        BatchGetRowRequest b = new BatchGetRowRequest();
        MultiRowQueryCriteria m = new MultiRowQueryCriteria(table);
        m.addRow(pk("c", 1));
        m.addRow(pk("zz", 1));
        m.addRow(pk("a", 2));
        m.setMaxVersions(1);
        b.addMultiRowQueryCriteria(m);
        MultiRowQueryCriteria missing = new MultiRowQueryCriteria("no_such_table");
        missing.addRow(pk("a", 1));
        missing.setMaxVersions(1);
        b.addMultiRowQueryCriteria(missing);
        BatchGetRowResponse r = client.batchGetRow(b);
        List<BatchGetRowResponse.RowResult> ok = r.getTableToRowsResult().get(table);
        assertThat(ok).hasSize(3);
        assertThat(ok.get(0).getRow().getLatestColumn("v").getValue().asLong()).isEqualTo(1);
        assertThat(ok.get(1).isSucceed()).isTrue();
        assertThat(ok.get(1).getRow()).isNull();
        assertThat(ok.get(2).getRow().getLatestColumn("v").getValue().asLong()).isEqualTo(2);
        BatchGetRowResponse.RowResult failed = r.getTableToRowsResult().get("no_such_table").get(0);
        assertThat(failed.isSucceed()).isFalse();
        assertThat(failed.getError().getCode()).isEqualTo("OTSObjectNotExist");
    }

    @Test
    void batchWriteRowHasPerRowResults() {
        String t = SdkFixture.uniqueTable("bw");
        SdkFixture.createTable(client, t, 1, false);
        BatchWriteRowRequest b = new BatchWriteRowRequest();
        RowPutChange ok = new RowPutChange(t, pk("x", 1));
        ok.addColumn("a", ColumnValue.fromLong(1));
        b.addRowChange(ok);
        RowUpdateChange mustExist = new RowUpdateChange(t, pk("y", 1));
        mustExist.put("a", ColumnValue.fromLong(1));
        mustExist.setCondition(new Condition(RowExistenceExpectation.EXPECT_EXIST));
        b.addRowChange(mustExist);
        RowDeleteChange del = new RowDeleteChange(t, pk("x", 1));
        b.addRowChange(del);
        BatchWriteRowResponse r = client.batchWriteRow(b);
        assertThat(r.isAllSucceed()).isFalse();
        assertThat(r.getSucceedRows()).extracting(BatchWriteRowResponse.RowResult::getIndex).containsExactly(0, 2);
        assertThat(r.getFailedRows()).hasSize(1);
        assertThat(r.getFailedRows().get(0).getIndex()).isEqualTo(1);
        assertThat(r.getFailedRows().get(0).getError().getCode()).isEqualTo("OTSConditionCheckFail");
        SingleRowQueryCriteria q = new SingleRowQueryCriteria(t, pk("x", 1));
        q.setMaxVersions(1);
        assertThat(client.getRow(new GetRowRequest(q)).getRow()).as("put then delete in one batch").isNull();
    }

    @Test
    void asyncClientPutGetAndRange() throws Exception {
        AsyncClient async = SdkFixture.asyncClient(server);
        try {
            String t = SdkFixture.uniqueTable("async");
            async.createTable(new CreateTableRequest(tableMeta(t), new TableOptions(-1, 1)), null).get();
            List<java.util.concurrent.Future<PutRowResponse>> puts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                RowPutChange p = new RowPutChange(t, pk("k", i));
                p.addColumn("i", ColumnValue.fromLong(i));
                puts.add(async.putRow(new PutRowRequest(p), null));
            }
            for (var f : puts) {
                f.get();
            }
            SingleRowQueryCriteria q = new SingleRowQueryCriteria(t, pk("k", 42));
            q.setMaxVersions(1);
            assertThat(async.getRow(new GetRowRequest(q), null).get().getRow().getLatestColumn("i").getValue().asLong())
                    .isEqualTo(42);
            RangeRowQueryCriteria c = new RangeRowQueryCriteria(t);
            c.setInclusiveStartPrimaryKey(bound(PrimaryKeyValue.INF_MIN, PrimaryKeyValue.INF_MIN));
            c.setExclusiveEndPrimaryKey(bound(PrimaryKeyValue.INF_MAX, PrimaryKeyValue.INF_MAX));
            c.setMaxVersions(1);
            assertThat(async.getRange(new GetRangeRequest(c), null).get().getRows()).hasSize(50);
            try {
                async.deleteTable(new DeleteTableRequest("no_such_table"), null).get();
                throw new AssertionError("expected failure");
            } catch (TableStoreException e) {
                // The SDK's future rethrows the service error itself rather than wrapping it.
                assertThat(e.getErrorCode()).isEqualTo("OTSObjectNotExist");
            }
        } finally {
            async.shutdown();
        }
    }

    private static TableMeta tableMeta(String t) {
        TableMeta meta = new TableMeta(t);
        meta.addPrimaryKeyColumn("pk", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("n", PrimaryKeyType.INTEGER);
        return meta;
    }

    @Test
    void rangeIteratorIsLazy() {
        RangeIteratorParameter p = new RangeIteratorParameter(table);
        p.setInclusiveStartPrimaryKey(pk("c", 9));
        p.setExclusiveEndPrimaryKey(bound(PrimaryKeyValue.INF_MAX, PrimaryKeyValue.INF_MAX));
        p.setMaxVersions(1);
        Iterator<Row> it = client.createRangeIterator(p);
        List<Row> rows = new ArrayList<>();
        it.forEachRemaining(rows::add);
        assertThat(keys(rows)).containsExactly("c9", "c10");
    }
}
