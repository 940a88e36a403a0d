package io.tablesync.tablestore.local;

import static io.tablesync.tablestore.local.SdkFixture.assertOtsError;
import static io.tablesync.tablestore.local.SdkFixture.pk;
import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.*;
import com.alicloud.openservices.tablestore.model.condition.CompositeColumnValueCondition;
import com.alicloud.openservices.tablestore.model.condition.SingleColumnValueCondition;
import com.alicloud.openservices.tablestore.model.filter.CompositeColumnValueFilter;
import com.alicloud.openservices.tablestore.model.filter.SingleColumnValueFilter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Error codes and texts, validation order and request limits, each as the service answers them (texts from the
 * service as quoted in issue 15 and in the SDK's own tests against the service), through the unmodified SDK.
 */
class ServiceErrorsTest {

    static final String INVALID = "OTSParameterInvalid";

    static TablestoreLocal server;
    static SyncClient client;
    /** PK (pk STRING, n INTEGER), max versions 1. */
    static String table;
    /** PK (pk_0 STRING, pk_1 INTEGER, pk_2 BINARY). */
    static String table3;

    @BeforeAll
    static void start() {
        server = TablestoreLocal.builder().build().start();
        client = SdkFixture.syncClient(server);
        table = SdkFixture.uniqueTable("errors");
        SdkFixture.createTable(client, table, 1, false);
        table3 = SdkFixture.uniqueTable("errors3");
        TableMeta meta = new TableMeta(table3);
        meta.addPrimaryKeyColumn("pk_0", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("pk_1", PrimaryKeyType.INTEGER);
        meta.addPrimaryKeyColumn("pk_2", PrimaryKeyType.BINARY);
        client.createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        server.close();
    }

    private static PrimaryKey key(PrimaryKeyValue pk, PrimaryKeyValue n) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder().addPrimaryKeyColumn("pk", pk).addPrimaryKeyColumn("n", n).build();
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    // ---- item 1: codes and texts -------------------------------------------------------------------------------

    @Test
    void primaryKeyOfWrongTypeOrSizeIsInvalidPkInSingleAndBatchCalls() {
        PrimaryKey wrongType = key(PrimaryKeyValue.fromLong(1), PrimaryKeyValue.fromLong(1));
        String typeText = "Validate PK type fail. Input: VT_INTEGER, Meta: VT_STRING.";
        RowPutChange put = new RowPutChange(table, wrongType);
        put.addColumn("a", ColumnValue.fromLong(1));
        assertOtsError(() -> client.putRow(new PutRowRequest(put)), "OTSInvalidPK", 400, typeText);
        SingleRowQueryCriteria get = new SingleRowQueryCriteria(table, wrongType);
        get.setMaxVersions(1);
        assertOtsError(() -> client.getRow(new GetRowRequest(get)), "OTSInvalidPK", 400, typeText);
        RowUpdateChange update = new RowUpdateChange(table, wrongType);
        update.put("a", ColumnValue.fromLong(1));
        assertOtsError(() -> client.updateRow(new UpdateRowRequest(update)), "OTSInvalidPK", 400, typeText);
        assertOtsError(() -> client.deleteRow(new DeleteRowRequest(new RowDeleteChange(table, wrongType))),
                "OTSInvalidPK", 400, typeText);

        // Batches report it per row; the other rows are written.
        BatchWriteRowRequest batch = new BatchWriteRowRequest();
        batch.addRowChange(put);
        RowPutChange good = new RowPutChange(table, pk("ok", 1));
        good.addColumn("a", ColumnValue.fromLong(1));
        batch.addRowChange(good);
        BatchWriteRowResponse br = client.batchWriteRow(batch);
        assertThat(br.getFailedRows()).hasSize(1);
        assertThat(br.getFailedRows().get(0).getError().getCode()).isEqualTo("OTSInvalidPK");
        assertThat(br.getFailedRows().get(0).getError().getMessage()).isEqualTo(typeText);
        assertThat(br.getSucceedRows()).hasSize(1);

        MultiRowQueryCriteria mget = new MultiRowQueryCriteria(table);
        mget.addRow(wrongType);
        mget.setMaxVersions(1);
        BatchGetRowRequest bg = new BatchGetRowRequest();
        bg.addMultiRowQueryCriteria(mget);
        BatchGetRowResponse bgr = client.batchGetRow(bg);
        assertThat(bgr.getFailedRows().get(0).getError().getCode()).isEqualTo("OTSInvalidPK");

        for (int size : new int[] {1, 2, 4}) {
            PrimaryKeyBuilder b = PrimaryKeyBuilder.createPrimaryKeyBuilder();
            for (int i = 0; i < size; i++) {
                b.addPrimaryKeyColumn("pk_" + i, i == 1 ? PrimaryKeyValue.fromLong(1) : PrimaryKeyValue.fromString("x"));
            }
            RowPutChange p = new RowPutChange(table3, b.build());
            p.addColumn("a", ColumnValue.fromLong(1));
            assertOtsError(() -> client.putRow(new PutRowRequest(p)), "OTSInvalidPK", 400,
                    "Validate PK size fail. Input: " + size + ", Meta: 3.");
        }
    }

    @Test
    void lengthAndCountLimitsUseTheServiceTexts() {
        TableMeta meta = new TableMeta(SdkFixture.uniqueTable("pklen"));
        meta.addPrimaryKeyColumn("pk_0", PrimaryKeyType.STRING);
        client.createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
        RowPutChange longPk = new RowPutChange(meta.getTableName(), PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("pk_0", PrimaryKeyValue.fromString(repeat('p', 1025))).build());
        longPk.addColumn("a", ColumnValue.fromLong(1));
        assertOtsError(() -> client.putRow(new PutRowRequest(longPk)), INVALID, 400,
                "The length of primary key column: 'pk_0' exceeds the MaxLength:1024 with CurrentLength:1025.");

        RowPutChange longValue = new RowPutChange(table, pk("a", 1));
        longValue.addColumn("attr", ColumnValue.fromString(repeat('v', 2 * 1024 * 1024 + 1)));
        assertOtsError(() -> client.putRow(new PutRowRequest(longValue)), INVALID, 400,
                "The length of attribute column: 'attr' exceeds the MaxLength:2097152 with CurrentLength:2097153.");

        RowPutChange many = new RowPutChange(table, pk("a", 1));
        for (int i = 0; i < 1025; i++) {
            many.addColumn("c" + i, ColumnValue.fromLong(i));
        }
        assertOtsError(() -> client.putRow(new PutRowRequest(many)), INVALID, 400,
                "The number of attribute columns exceeds the limit, limit count: 1024, column count: 1025.");
    }

    @Test
    void tableQuotaIsSixtyFour() {
        try (TablestoreLocal own = TablestoreLocal.builder().build().start()) {
            SyncClient c = SdkFixture.syncClient(own);
            try {
                for (int i = 0; i < 64; i++) {
                    SdkFixture.createTable(c, "quota_" + i, 1, false);
                }
                assertOtsError(() -> SdkFixture.createTable(c, "quota_64", 1, false), "OTSQuotaExhausted", 403,
                        "Number of tables exceeds the quota:64.");
            } finally {
                c.shutdown();
            }
        }
    }

    @Test
    void readsWithoutVersionConditionAndInfiniteKeysInRows() {
        SingleRowQueryCriteria get = new SingleRowQueryCriteria(table, pk("a", 1));
        assertOtsError(() -> client.getRow(new GetRowRequest(get)), INVALID, 400, "No version condition is specified.");
        RangeRowQueryCriteria range = new RangeRowQueryCriteria(table);
        range.setInclusiveStartPrimaryKey(pk("a", 1));
        range.setExclusiveEndPrimaryKey(pk("b", 1));
        assertOtsError(() -> client.getRange(new GetRangeRequest(range)), INVALID, 400,
                "No version condition is specified.");
        MultiRowQueryCriteria mget = new MultiRowQueryCriteria(table);
        mget.addRow(pk("a", 1));
        BatchGetRowRequest bg = new BatchGetRowRequest();
        bg.addMultiRowQueryCriteria(mget);
        assertOtsError(() -> client.batchGetRow(bg), INVALID, 400,
                "No version condition is specified while querying row.");

        RowPutChange infMin = new RowPutChange(table, key(PrimaryKeyValue.INF_MIN, PrimaryKeyValue.fromLong(1)));
        infMin.addColumn("a", ColumnValue.fromLong(1));
        assertOtsError(() -> client.putRow(new PutRowRequest(infMin)), INVALID, 400,
                "VT_INF_MIN is an invalid type for the primary key.");
        SingleRowQueryCriteria getInfMax = new SingleRowQueryCriteria(table,
                key(PrimaryKeyValue.fromString("a"), PrimaryKeyValue.INF_MAX));
        getInfMax.setMaxVersions(1);
        assertOtsError(() -> client.getRow(new GetRowRequest(getInfMax)), INVALID, 400,
                "VT_INF_MAX is an invalid type for the primary key.");
    }

    @Test
    void andOrWithOneSubFilterIsRejected() {
        CompositeColumnValueFilter and = new CompositeColumnValueFilter(CompositeColumnValueFilter.LogicOperator.AND);
        and.addFilter(new SingleColumnValueFilter("a", SingleColumnValueFilter.CompareOperator.EQUAL,
                ColumnValue.fromLong(1)));
        SingleRowQueryCriteria get = new SingleRowQueryCriteria(table, pk("a", 1));
        get.setMaxVersions(1);
        get.setFilter(and);
        assertOtsError(() -> client.getRow(new GetRowRequest(get)), INVALID, 400,
                "Invalid AND/OR operator: the number of sub-filters must be more than 1.");
    }

    // ---- item 2: validation that was missing or in the wrong order ---------------------------------------------

    @Test
    void tableNamesAreCheckedByEveryTableCallBeforeExistence() {
        for (String name : List.of("#", repeat('a', 256), "3t")) {
            String text = "Invalid table name: '" + name + "'.";
            assertOtsError(() -> client.describeTable(new DescribeTableRequest(name)), INVALID, 400, text);
            UpdateTableRequest u = new UpdateTableRequest(name);
            u.setReservedThroughputForUpdate(new ReservedThroughput(new CapacityUnit(0, 0)));
            assertOtsError(() -> client.updateTable(u), INVALID, 400, text);
            assertOtsError(() -> client.deleteTable(new DeleteTableRequest(name)), INVALID, 400, text);
            RowPutChange p = new RowPutChange(name, pk("a", 1));
            p.addColumn("a", ColumnValue.fromLong(1));
            assertOtsError(() -> client.putRow(new PutRowRequest(p)), INVALID, 400, text);
            BatchWriteRowRequest b = new BatchWriteRowRequest();
            b.addRowChange(p);
            assertOtsError(() -> client.batchWriteRow(b), INVALID, 400, text);
        }
    }

    @Test
    void columnNamesAreChecked() {
        for (String name : List.of(repeat('a', 256), "#", "#abc")) {
            String text = "Invalid column name: '" + name + "'.";
            RowPutChange p = new RowPutChange(table, pk("a", 1));
            p.addColumn(name, ColumnValue.fromLong(1));
            assertOtsError(() -> client.putRow(new PutRowRequest(p)), INVALID, 400, text);
            RowUpdateChange u = new RowUpdateChange(table, pk("a", 1));
            u.put(name, ColumnValue.fromLong(1));
            assertOtsError(() -> client.updateRow(new UpdateRowRequest(u)), INVALID, 400, text);
            SingleRowQueryCriteria get = new SingleRowQueryCriteria(table, pk("a", 1));
            get.setMaxVersions(1);
            get.addColumnsToGet(name);
            assertOtsError(() -> client.getRow(new GetRowRequest(get)), INVALID, 400, text);
            SingleRowQueryCriteria filtered = new SingleRowQueryCriteria(table, pk("a", 1));
            filtered.setMaxVersions(1);
            filtered.setFilter(new SingleColumnValueFilter(name, SingleColumnValueFilter.CompareOperator.EQUAL,
                    ColumnValue.fromBoolean(false)));
            assertOtsError(() -> client.getRow(new GetRowRequest(filtered)), INVALID, 400, text);
        }
        // Names the service accepts (its own tests write them): 255 bytes, spaces, punctuation, non-ASCII.
        for (String name : List.of(repeat('a', 255), "a b", ":x", "公司")) {
            RowPutChange p = new RowPutChange(table, pk("names", 1));
            p.addColumn(name, ColumnValue.fromLong(1));
            client.putRow(new PutRowRequest(p));
        }
    }

    @Test
    void fivePrimaryKeyColumnsFailOnTheCountBeforeTheTableIsLookedUp() {
        PrimaryKeyBuilder b = PrimaryKeyBuilder.createPrimaryKeyBuilder();
        for (int i = 0; i < 5; i++) {
            b.addPrimaryKeyColumn("k" + i, PrimaryKeyValue.fromLong(i));
        }
        RowPutChange p = new RowPutChange("no_such_table", b.build());
        p.addColumn("a", ColumnValue.fromLong(1));
        assertOtsError(() -> client.putRow(new PutRowRequest(p)), INVALID, 400,
                "The number of primary key columns must be in range: [1, 4].");
    }

    @Test
    void duplicatePrimaryKeyNamesAreRejectedAtCreateTable() {
        String name = SdkFixture.uniqueTable("dup");
        TableMeta meta = new TableMeta(name);
        meta.addPrimaryKeyColumn("PK1", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("PK1", PrimaryKeyType.STRING);
        assertOtsError(() -> client.createTable(new CreateTableRequest(meta, new TableOptions(-1, 1))), INVALID, 400,
                "Duplicated primary key name: 'PK1'.");
        assertThat(client.listTable().getTableNames()).doesNotContain(name);
    }

    @Test
    void streamOfATableNameOverTwoHundredThirtyEightCharactersCannotBeRead() {
        for (int length : new int[] {238, 239}) {
            String name = repeat('s', length);
            SdkFixture.createTable(client, name, 1, true);
            RowPutChange p = new RowPutChange(name, pk("a", 1));
            p.addColumn("a", ColumnValue.fromLong(1));
            client.putRow(new PutRowRequest(p));
            String streamId = StreamReader.streamId(client, name);
            String shard = client.describeStream(new DescribeStreamRequest(streamId)).getShards().get(0).getShardId();
            String it = client.getShardIterator(new GetShardIteratorRequest(streamId, shard)).getShardIterator();
            if (length == 238) {
                assertThat(client.getStreamRecord(new GetStreamRecordRequest(it)).getRecords()).hasSize(1);
            } else {
                var e = SdkFixture.otsError(() -> client.getStreamRecord(new GetStreamRecordRequest(it)));
                assertThat(e.getErrorCode()).isEqualTo(INVALID);
                assertThat(e.getMessage()).startsWith("Invalid stream id");
            }
            client.deleteTable(new DeleteTableRequest(name));
        }
    }

    // ---- item 3: limits ---------------------------------------------------------------------------------------

    @Test
    void columnsToGetAndTimestampsAreLimited() {
        SingleRowQueryCriteria get = new SingleRowQueryCriteria(table, pk("a", 1));
        get.setMaxVersions(1);
        for (int i = 0; i < 1025; i++) {
            get.addColumnsToGet("c" + i);
        }
        assertOtsError(() -> client.getRow(new GetRowRequest(get)), INVALID, 400,
                "The number of columns from the request exceeds the limit, limit count: 1024, column count: 1025.");

        RowPutChange p = new RowPutChange(table, pk("a", 1));
        p.addColumn("a", ColumnValue.fromLong(1), Long.MAX_VALUE / 1000);
        assertOtsError(() -> client.putRow(new PutRowRequest(p)), INVALID, 400,
                "Timestamp must be in range [0, INT64_MAX/1000).");
    }

    @Test
    void batchWriteOverFourMegabytesFailsAsAWhole() {
        // The service's own example: pk name 2 + value 98 + column name 50 + value + timestamp 8 bytes per row.
        String column = repeat('k', 50);
        int[] valueLengths = {1_397_945, 1_397_943, 1_397_943};
        BatchWriteRowRequest b = new BatchWriteRowRequest();
        for (int i = 0; i < 3; i++) {
            RowPutChange p = new RowPutChange(table, PrimaryKeyBuilder.createPrimaryKeyBuilder()
                    .addPrimaryKeyColumn("pk", PrimaryKeyValue.fromString(repeat('v', 96) + "0" + i))
                    .addPrimaryKeyColumn("n", PrimaryKeyValue.fromLong(0)).build());
            p.addColumn(column, ColumnValue.fromString(repeat('a', valueLengths[i] - 9)), System.currentTimeMillis());
            b.addRowChange(p);
        }
        // Our table's key has a second column ("n", 1 + 8 bytes): the values are 9 bytes shorter to keep the sizes.
        assertOtsError(() -> client.batchWriteRow(b), INVALID, 400,
                "The total data size of BatchWriteRow request exceeds the limit, limit size: 4194304, data size: 4194305.");
    }

    @Test
    void oneOversizedCellRejectsTheWholeBatch() {
        BatchWriteRowRequest b = new BatchWriteRowRequest();
        RowPutChange small = new RowPutChange(table, pk("whole", 1));
        small.addColumn("a", ColumnValue.fromLong(1));
        b.addRowChange(small);
        RowPutChange big = new RowPutChange(table, pk("whole", 2));
        big.addColumn("attr", ColumnValue.fromString(repeat('v', 2 * 1024 * 1024 + 1)));
        b.addRowChange(big);
        assertOtsError(() -> client.batchWriteRow(b), INVALID, 400,
                "The length of attribute column: 'attr' exceeds the MaxLength:2097152 with CurrentLength:2097153.");
        SingleRowQueryCriteria get = new SingleRowQueryCriteria(table, pk("whole", 1));
        get.setMaxVersions(1);
        assertThat(client.getRow(new GetRowRequest(get)).getRow()).isNull();
    }

    @Test
    void filtersAndConditionsHoldAtMostThirtyTwoFilters() {
        CompositeColumnValueFilter wide = new CompositeColumnValueFilter(CompositeColumnValueFilter.LogicOperator.OR);
        for (int i = 0; i < 32; i++) {
            wide.addFilter(new SingleColumnValueFilter("c" + i, SingleColumnValueFilter.CompareOperator.EQUAL,
                    ColumnValue.fromLong(i)));
        }
        SingleRowQueryCriteria get = new SingleRowQueryCriteria(table, pk("a", 1));
        get.setMaxVersions(1);
        get.setFilter(wide); // 33 filters: the OR and its 32 sub-filters
        assertOtsError(() -> client.getRow(new GetRowRequest(get)), INVALID, 400, "The count of filter exceeds the max: 32.");

        CompositeColumnValueFilter deep = new CompositeColumnValueFilter(CompositeColumnValueFilter.LogicOperator.NOT);
        CompositeColumnValueFilter last = deep;
        for (int i = 0; i < 32; i++) {
            CompositeColumnValueFilter next = new CompositeColumnValueFilter(CompositeColumnValueFilter.LogicOperator.NOT);
            last.addFilter(next);
            last = next;
        }
        last.addFilter(new SingleColumnValueFilter("a", SingleColumnValueFilter.CompareOperator.EQUAL,
                ColumnValue.fromLong(1)));
        get.setFilter(deep);
        assertOtsError(() -> client.getRow(new GetRowRequest(get)), INVALID, 400, "The count of filter exceeds the max: 32.");

        CompositeColumnValueCondition cond = new CompositeColumnValueCondition(CompositeColumnValueCondition.LogicOperator.AND);
        for (int i = 0; i < 33; i++) {
            cond.addCondition(new SingleColumnValueCondition("c" + i, SingleColumnValueCondition.CompareOperator.EQUAL,
                    ColumnValue.fromLong(i)));
        }
        RowUpdateChange u = new RowUpdateChange(table, pk("a", 1));
        u.put("a", ColumnValue.fromLong(1));
        Condition c = new Condition(RowExistenceExpectation.IGNORE);
        c.setColumnCondition(cond);
        u.setCondition(c);
        assertOtsError(() -> client.updateRow(new UpdateRowRequest(u)), INVALID, 400,
                "The count of filter exceeds the max: 32.");

        SingleRowQueryCriteria bigValue = new SingleRowQueryCriteria(table, pk("a", 1));
        bigValue.setMaxVersions(1);
        bigValue.setFilter(new SingleColumnValueFilter("a", SingleColumnValueFilter.CompareOperator.EQUAL,
                ColumnValue.fromString(repeat('v', 2 * 1024 * 1024 + 1))));
        assertOtsError(() -> client.getRow(new GetRowRequest(bigValue)), INVALID, 400,
                "The length of the value of column: 'a' in the filter exceeds the MaxLength:2097152 with CurrentLength:2097153.");
    }

    @Test
    void aTooLargeBodyIsAnswered413NotAConnectionReset() {
        RowPutChange p = new RowPutChange(table, pk("huge", 1));
        for (int i = 0; i < 10; i++) { // 20 MB
            p.addColumn("c" + i, ColumnValue.fromString(repeat('v', 2 * 1024 * 1024)));
        }
        // No retries: a reset connection would be retried and could hide behind a later attempt's answer.
        com.alicloud.openservices.tablestore.ClientConfiguration once = new com.alicloud.openservices.tablestore.ClientConfiguration();
        once.setRetryStrategy(new NoRetryStrategy());
        SyncClient noRetry = new SyncClient(server.endpoint(), server.accessKeyId(), server.accessKeySecret(),
                server.instance(), once);
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                var e = SdkFixture.otsError(() -> noRetry.putRow(new PutRowRequest(p)));
                assertThat(e.getHttpStatus()).isEqualTo(413);
                assertThat(e.getErrorCode()).isEqualTo("OTSRequestBodyTooLarge");
            }
        } finally {
            noRetry.shutdown();
        }
    }
}
