package io.tablesync.tablestore.local;

import static io.tablesync.tablestore.local.SdkFixture.pk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.*;
import com.alicloud.openservices.tablestore.model.condition.CompositeColumnValueCondition;
import com.alicloud.openservices.tablestore.model.condition.SingleColumnValueCondition;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Table and single-row actions through the unmodified SyncClient over HTTP. */
class TableAndRowConformanceTest {

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

    private static TableStoreException otsError(Runnable r) {
        try {
            r.run();
        } catch (TableStoreException e) {
            return e;
        }
        throw new AssertionError("expected a TableStoreException");
    }

    @Test
    void createListDescribeUpdateDeleteTable() {
        String t = SdkFixture.uniqueTable("tbl");
        SdkFixture.createTable(client, t, 3, false);
        assertThat(client.listTable().getTableNames()).contains(t);

        DescribeTableResponse d = client.describeTable(new DescribeTableRequest(t));
        assertThat(d.getTableMeta().getTableName()).isEqualTo(t);
        assertThat(d.getTableMeta().getPrimaryKeyList()).extracting(PrimaryKeySchema::getName).containsExactly("pk", "n");
        assertThat(d.getTableMeta().getPrimaryKeyList()).extracting(PrimaryKeySchema::getType)
                .containsExactly(PrimaryKeyType.STRING, PrimaryKeyType.INTEGER);
        assertThat(d.getTableOptions().getMaxVersions()).isEqualTo(3);
        assertThat(d.getTableOptions().getTimeToLive()).isEqualTo(-1);
        assertThat(d.getStreamDetails().isEnableStream()).isFalse();

        UpdateTableRequest u = new UpdateTableRequest(t);
        TableOptions opts = new TableOptions();
        opts.setMaxVersions(5);
        u.setTableOptionsForUpdate(opts);
        u.setStreamSpecification(new StreamSpecification(true, 12));
        UpdateTableResponse ur = client.updateTable(u);
        assertThat(ur.getTableOptions().getMaxVersions()).isEqualTo(5);
        DescribeTableResponse d2 = client.describeTable(new DescribeTableRequest(t));
        assertThat(d2.getTableOptions().getMaxVersions()).isEqualTo(5);
        assertThat(d2.getStreamDetails().isEnableStream()).isTrue();
        assertThat(d2.getStreamDetails().getExpirationTime()).isEqualTo(12);
        assertThat(d2.getStreamDetails().getStreamId()).isNotEmpty();

        client.deleteTable(new DeleteTableRequest(t));
        assertThat(client.listTable().getTableNames()).doesNotContain(t);
        TableStoreException e = otsError(() -> client.describeTable(new DescribeTableRequest(t)));
        assertThat(e.getErrorCode()).isEqualTo("OTSObjectNotExist");
        assertThat(e.getHttpStatus()).isEqualTo(404);
        assertThat(e.getRequestId()).isNotEmpty();
    }

    @Test
    void createExistingTableFails() {
        String t = SdkFixture.uniqueTable("dup");
        SdkFixture.createTable(client, t, 1, false);
        TableStoreException e = otsError(() -> SdkFixture.createTable(client, t, 1, false));
        assertThat(e.getErrorCode()).isEqualTo("OTSObjectAlreadyExist");
        assertThat(e.getHttpStatus()).isEqualTo(409);
    }

    @Test
    void putGetRowRoundTripsEveryType() {
        String t = SdkFixture.uniqueTable("types");
        SdkFixture.createTable(client, t, 1, false);
        RowPutChange put = new RowPutChange(t, pk("a\u00e9\u4e2d", -5));
        put.addColumn("s", ColumnValue.fromString("hello \u4e16\u754c"));
        put.addColumn("i", ColumnValue.fromLong(Long.MIN_VALUE));
        put.addColumn("d", ColumnValue.fromDouble(3.25));
        put.addColumn("b", ColumnValue.fromBoolean(true));
        put.addColumn("bin", ColumnValue.fromBinary(new byte[] {0, 1, (byte) 0xff}));
        client.putRow(new PutRowRequest(put));

        SingleRowQueryCriteria q = new SingleRowQueryCriteria(t, pk("a\u00e9\u4e2d", -5));
        q.setMaxVersions(1);
        Row row = client.getRow(new GetRowRequest(q)).getRow();
        assertThat(row.getPrimaryKey()).isEqualTo(pk("a\u00e9\u4e2d", -5));
        assertThat(row.getLatestColumn("s").getValue().asString()).isEqualTo("hello \u4e16\u754c");
        assertThat(row.getLatestColumn("i").getValue().asLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(row.getLatestColumn("d").getValue().asDouble()).isEqualTo(3.25);
        assertThat(row.getLatestColumn("b").getValue().asBoolean()).isTrue();
        assertThat(row.getLatestColumn("bin").getValue().asBinary()).containsExactly(0, 1, 0xff);

        SingleRowQueryCriteria missing = new SingleRowQueryCriteria(t, pk("nope", 1));
        missing.setMaxVersions(1);
        assertThat(client.getRow(new GetRowRequest(missing)).getRow()).isNull();
    }

    @Test
    void putReplacesWholeRowAndColumnsToGetProjects() {
        String t = SdkFixture.uniqueTable("replace");
        SdkFixture.createTable(client, t, 1, false);
        RowPutChange p1 = new RowPutChange(t, pk("k", 1));
        p1.addColumn("a", ColumnValue.fromLong(1));
        p1.addColumn("b", ColumnValue.fromLong(2));
        client.putRow(new PutRowRequest(p1));
        RowPutChange p2 = new RowPutChange(t, pk("k", 1));
        p2.addColumn("c", ColumnValue.fromLong(3));
        client.putRow(new PutRowRequest(p2));

        SingleRowQueryCriteria q = new SingleRowQueryCriteria(t, pk("k", 1));
        q.setMaxVersions(1);
        Row row = client.getRow(new GetRowRequest(q)).getRow();
        assertThat(row.getColumns()).extracting(Column::getName).containsExactly("c");

        q.addColumnsToGet("zzz");
        assertThat(client.getRow(new GetRowRequest(q)).getRow()).as("none of the requested columns exists").isNull();
    }

    @Test
    void updateRowPutDeleteIncrementAndVersions() {
        String t = SdkFixture.uniqueTable("upd");
        SdkFixture.createTable(client, t, 3, false);
        long now = System.currentTimeMillis();
        RowUpdateChange u = new RowUpdateChange(t, pk("k", 1));
        u.put("v", ColumnValue.fromString("old"), now - 2000);
        u.put("v2", ColumnValue.fromString("x"), now - 2000);
        u.put("gone", ColumnValue.fromLong(1));
        u.put("cnt", ColumnValue.fromLong(10));
        client.updateRow(new UpdateRowRequest(u));

        RowUpdateChange u2 = new RowUpdateChange(t, pk("k", 1));
        u2.put("v", ColumnValue.fromString("new"), now - 1000);
        u2.deleteColumn("v2", now - 2000);
        u2.deleteColumns("gone");
        u2.increment(new Column("cnt", ColumnValue.fromLong(5)));
        u2.setReturnType(ReturnType.RT_AFTER_MODIFY);
        u2.addReturnColumn("cnt");
        UpdateRowResponse resp = client.updateRow(new UpdateRowRequest(u2));
        assertThat(resp.getRow().getLatestColumn("cnt").getValue().asLong()).isEqualTo(15);

        SingleRowQueryCriteria q = new SingleRowQueryCriteria(t, pk("k", 1));
        q.setMaxVersions(3);
        Row row = client.getRow(new GetRowRequest(q)).getRow();
        assertThat(row.getColumn("v")).extracting(c -> c.getValue().asString()).containsExactly("new", "old");
        assertThat(row.contains("v2")).isFalse();
        assertThat(row.contains("gone")).isFalse();
        assertThat(row.getLatestColumn("cnt").getValue().asLong()).isEqualTo(15);

        SingleRowQueryCriteria q1 = new SingleRowQueryCriteria(t, pk("k", 1));
        q1.setTimeRange(new TimeRange(now - 2000, now - 1500));
        Row old = client.getRow(new GetRowRequest(q1)).getRow();
        assertThat(old.getColumn("v")).extracting(c -> c.getValue().asString()).containsExactly("old");
    }

    @Test
    void incrementOfNonIntegerIsParameterInvalid() {
        String t = SdkFixture.uniqueTable("incr");
        SdkFixture.createTable(client, t, 1, false);
        RowPutChange p = new RowPutChange(t, pk("k", 1));
        p.addColumn("s", ColumnValue.fromString("x"));
        client.putRow(new PutRowRequest(p));
        RowUpdateChange u = new RowUpdateChange(t, pk("k", 1));
        u.increment(new Column("s", ColumnValue.fromLong(1)));
        TableStoreException e = otsError(() -> client.updateRow(new UpdateRowRequest(u)));
        assertThat(e.getErrorCode()).isEqualTo("OTSParameterInvalid");
        assertThat(e.getHttpStatus()).isEqualTo(400);
    }

    @Test
    void rowExistenceConditions() {
        String t = SdkFixture.uniqueTable("cond");
        SdkFixture.createTable(client, t, 1, false);
        RowPutChange p = new RowPutChange(t, pk("k", 1));
        p.addColumn("a", ColumnValue.fromLong(1));
        p.setCondition(new Condition(RowExistenceExpectation.EXPECT_NOT_EXIST));
        client.putRow(new PutRowRequest(p));
        TableStoreException e = otsError(() -> client.putRow(new PutRowRequest(p)));
        assertThat(e.getErrorCode()).isEqualTo("OTSConditionCheckFail");
        assertThat(e.getHttpStatus()).isEqualTo(403);

        RowUpdateChange u = new RowUpdateChange(t, pk("other", 1));
        u.put("a", ColumnValue.fromLong(1));
        u.setCondition(new Condition(RowExistenceExpectation.EXPECT_EXIST));
        assertThat(otsError(() -> client.updateRow(new UpdateRowRequest(u))).getErrorCode())
                .isEqualTo("OTSConditionCheckFail");

        RowDeleteChange d = new RowDeleteChange(t, pk("k", 1));
        d.setCondition(new Condition(RowExistenceExpectation.EXPECT_EXIST));
        client.deleteRow(new DeleteRowRequest(d));
        assertThat(otsError(() -> client.deleteRow(new DeleteRowRequest(d))).getErrorCode())
                .isEqualTo("OTSConditionCheckFail");
    }

    @Test
    void singleAndCompositeColumnConditions() {
        String t = SdkFixture.uniqueTable("colcond");
        SdkFixture.createTable(client, t, 1, false);
        RowPutChange p = new RowPutChange(t, pk("lease", 1));
        p.addColumn("owner", ColumnValue.fromString("w1"));
        p.addColumn("counter", ColumnValue.fromLong(7));
        client.putRow(new PutRowRequest(p));

        // The stream client's lease renewal: EQUAL on owner AND counter, passIfMissing=false, latest only.
        SingleColumnValueCondition owner = new SingleColumnValueCondition("owner",
                SingleColumnValueCondition.CompareOperator.EQUAL, ColumnValue.fromString("w1"));
        owner.setPassIfMissing(false);
        owner.setLatestVersionsOnly(true);
        SingleColumnValueCondition counter = new SingleColumnValueCondition("counter",
                SingleColumnValueCondition.CompareOperator.EQUAL, ColumnValue.fromLong(7));
        counter.setPassIfMissing(false);
        CompositeColumnValueCondition and = new CompositeColumnValueCondition(CompositeColumnValueCondition.LogicOperator.AND);
        and.addCondition(owner).addCondition(counter);

        RowUpdateChange renew = new RowUpdateChange(t, pk("lease", 1));
        renew.put("counter", ColumnValue.fromLong(8));
        Condition c = new Condition(RowExistenceExpectation.EXPECT_EXIST);
        c.setColumnCondition(and);
        renew.setCondition(c);
        client.updateRow(new UpdateRowRequest(renew));
        // Same condition again: counter is now 8, so it fails.
        assertThat(otsError(() -> client.updateRow(new UpdateRowRequest(renew))).getErrorCode())
                .isEqualTo("OTSConditionCheckFail");

        // Missing column: passes only with passIfMissing=true.
        SingleColumnValueCondition missing = new SingleColumnValueCondition("nope",
                SingleColumnValueCondition.CompareOperator.GREATER_THAN, ColumnValue.fromLong(1));
        missing.setPassIfMissing(true);
        RowUpdateChange u = new RowUpdateChange(t, pk("lease", 1));
        u.put("x", ColumnValue.fromLong(1));
        Condition c2 = new Condition(RowExistenceExpectation.IGNORE);
        c2.setColumnCondition(missing);
        u.setCondition(c2);
        client.updateRow(new UpdateRowRequest(u));
        missing.setPassIfMissing(false);
        assertThat(otsError(() -> client.updateRow(new UpdateRowRequest(u))).getErrorCode())
                .isEqualTo("OTSConditionCheckFail");

        // OR and NOT.
        CompositeColumnValueCondition or = new CompositeColumnValueCondition(CompositeColumnValueCondition.LogicOperator.OR);
        or.addCondition(new SingleColumnValueCondition("owner", SingleColumnValueCondition.CompareOperator.EQUAL,
                ColumnValue.fromString("zz")));
        or.addCondition(new SingleColumnValueCondition("counter", SingleColumnValueCondition.CompareOperator.GREATER_EQUAL,
                ColumnValue.fromLong(8)));
        Condition c3 = new Condition();
        c3.setColumnCondition(or);
        RowUpdateChange u3 = new RowUpdateChange(t, pk("lease", 1));
        u3.put("y", ColumnValue.fromLong(1));
        u3.setCondition(c3);
        client.updateRow(new UpdateRowRequest(u3));
        CompositeColumnValueCondition not = new CompositeColumnValueCondition(CompositeColumnValueCondition.LogicOperator.NOT);
        not.addCondition(or);
        c3.setColumnCondition(not);
        assertThat(otsError(() -> client.updateRow(new UpdateRowRequest(u3))).getErrorCode())
                .isEqualTo("OTSConditionCheckFail");
    }

    @Test
    void wrongPrimaryKeyTypeIsInvalidPkAndMissingTableIsObjectNotExist() {
        String t = SdkFixture.uniqueTable("badpk");
        SdkFixture.createTable(client, t, 1, false);
        RowPutChange p = new RowPutChange(t, PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("pk", PrimaryKeyValue.fromLong(1))
                .addPrimaryKeyColumn("n", PrimaryKeyValue.fromLong(1)).build());
        p.addColumn("a", ColumnValue.fromLong(1));
        TableStoreException e = otsError(() -> client.putRow(new PutRowRequest(p)));
        assertThat(e.getErrorCode()).isEqualTo("OTSInvalidPK");
        assertThat(e.getMessage()).isEqualTo("Validate PK type fail. Input: VT_INTEGER, Meta: VT_STRING.");

        RowPutChange missingTable = new RowPutChange("no_such_table", pk("a", 1));
        missingTable.addColumn("a", ColumnValue.fromLong(1));
        assertThat(otsError(() -> client.putRow(new PutRowRequest(missingTable))).getErrorCode())
                .isEqualTo("OTSObjectNotExist");
    }

    @Test
    void returnContentPrimaryKeyAndAutoIncrement() {
        String t = SdkFixture.uniqueTable("autoinc");
        TableMeta meta = new TableMeta(t);
        meta.addPrimaryKeyColumn("part", PrimaryKeyType.STRING);
        meta.addAutoIncrementPrimaryKeyColumn("id");
        client.createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
        long last = Long.MIN_VALUE;
        for (int i = 0; i < 3; i++) {
            RowPutChange p = new RowPutChange(t, PrimaryKeyBuilder.createPrimaryKeyBuilder()
                    .addPrimaryKeyColumn("part", PrimaryKeyValue.fromString("p"))
                    .addPrimaryKeyColumn("id", PrimaryKeyValue.AUTO_INCREMENT).build());
            p.addColumn("i", ColumnValue.fromLong(i));
            p.setReturnType(ReturnType.RT_PK);
            PutRowResponse r = client.putRow(new PutRowRequest(p));
            long id = r.getRow().getPrimaryKey().getPrimaryKeyColumn("id").getValue().asLong();
            assertThat(id).isGreaterThan(last);
            last = id;
        }
        assertThat(client.describeTable(new DescribeTableRequest(t)).getTableMeta().getPrimaryKeyList().get(1)
                .getOption()).isEqualTo(PrimaryKeyOption.AUTO_INCREMENT);
    }

    @Test
    void writesFarFromServerTimeAreRejected() {
        String t = SdkFixture.uniqueTable("ttl");
        TableMeta meta = new TableMeta(t);
        meta.addPrimaryKeyColumn("pk", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("n", PrimaryKeyType.INTEGER);
        client.createTable(new CreateTableRequest(meta, new TableOptions(86400, 1)));
        RowPutChange p = new RowPutChange(t, pk("k", 1));
        p.addColumn("old", ColumnValue.fromLong(1), System.currentTimeMillis() - 2 * 86400_000L + 60_000);
        TableStoreException e = otsError(() -> client.putRow(new PutRowRequest(p)));
        assertThat(e.getMessage()).as("deviation check (default 86400 s)").contains("deviates");
    }

    @Test
    void badSignatureIsAuthFailed() {
        SyncClient bad = new SyncClient(server.endpoint(), server.accessKeyId(), "wrong-secret", server.instance(),
                SdkFixture.config());
        try {
            TableStoreException e = otsError(bad::listTable);
            assertThat(e.getErrorCode()).isEqualTo("OTSAuthFailed");
            assertThat(e.getHttpStatus()).isEqualTo(403);
            assertThat(e.getMessage()).isEqualTo("Signature mismatch.");
        } finally {
            bad.shutdown();
        }
        SyncClient unknown = new SyncClient(server.endpoint(), "unknown-id", "x", server.instance(), SdkFixture.config());
        try {
            assertThat(otsError(unknown::listTable).getErrorCode()).isEqualTo("OTSAuthFailed");
        } finally {
            unknown.shutdown();
        }
        SyncClient otherInstance = new SyncClient(server.endpoint(), server.accessKeyId(), server.accessKeySecret(),
                "other", SdkFixture.config());
        try {
            assertThat(otsError(otherInstance::listTable).getErrorCode()).isEqualTo("OTSAuthFailed");
        } finally {
            otherInstance.shutdown();
        }
    }

    @Test
    void listTableIsEmptyListNotNull() {
        assertThat(client.listTable().getTableNames()).isNotNull();
        assertThat(List.copyOf(client.listTable().getTableNames())).doesNotContainNull();
    }
}
