package io.tablesync.tablestore.local;

import static io.tablesync.tablestore.local.SdkFixture.assertOtsError;
import static io.tablesync.tablestore.local.SdkFixture.pk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.BulkExportRequest;
import com.alicloud.openservices.tablestore.model.BulkExportResponse;
import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.DataBlockType;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetRangeResponse;
import com.alicloud.openservices.tablestore.model.PlainBufferBlockParser;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import com.alicloud.openservices.tablestore.model.SimpleRowMatrixBlockParser;
import com.alicloud.openservices.tablestore.model.filter.SingleColumnValueFilter;
import com.alicloud.openservices.tablestore.model.tunnel.BulkExportQueryCriteria;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BulkExport through the official SDK: SimpleRowMatrix blocks its own parser reads, the same rows as GetRange
 * across pages, newest values only, column selection, the PlainBuffer hint, filters and errors.
 */
class BulkExportConformanceTest {

    static final int ROWS = 12_345;

    static TablestoreLocal server;
    static SyncClient client;
    static String table;

    @BeforeAll
    static void start() {
        server = TablestoreLocal.builder().build().start();
        client = SdkFixture.syncClient(server);
        table = SdkFixture.uniqueTable("export");
        SdkFixture.createTable(client, table, 3, false);
        for (int from = 0; from < ROWS; from += 200) {
            BatchWriteRowRequest b = new BatchWriteRowRequest();
            for (int i = from; i < Math.min(ROWS, from + 200); i++) {
                RowPutChange put = new RowPutChange(table, pk(String.format("k%05d", i / 3), i % 3));
                put.addColumn("i", ColumnValue.fromLong(i));
                put.addColumn("d", ColumnValue.fromDouble(i / 4.0));
                put.addColumn("b", ColumnValue.fromBoolean(i % 2 == 0));
                if (i % 7 != 0) {
                    put.addColumn("s", ColumnValue.fromString("zeile " + i + " – größe ✓"));
                }
                if (i % 5 == 0) {
                    put.addColumn("bin", ColumnValue.fromBinary(new byte[] {(byte) i, 0, (byte) 0xff}));
                }
                b.addRowChange(put);
            }
            assertThat(client.batchWriteRow(b).isAllSucceed()).isTrue();
        }
        // A second version of "i" on some rows: BulkExport returns the newest value only.
        BatchWriteRowRequest b = new BatchWriteRowRequest();
        for (int i = 0; i < 600; i += 3) {
            RowUpdateChange u = new RowUpdateChange(table, pk(String.format("k%05d", i / 3), i % 3));
            u.put("i", ColumnValue.fromLong(-i));
            b.addRowChange(u);
        }
        assertThat(client.batchWriteRow(b).isAllSucceed()).isTrue();
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        server.close();
    }

    private static PrimaryKey bound(PrimaryKeyValue a, PrimaryKeyValue b) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder().addPrimaryKeyColumn("pk", a).addPrimaryKeyColumn("n", b).build();
    }

    private static PrimaryKey all(boolean start) {
        PrimaryKeyValue v = start ? PrimaryKeyValue.INF_MIN : PrimaryKeyValue.INF_MAX;
        return bound(v, v);
    }

    /** A row as text without timestamps: key columns, then attributes by name. */
    private static String render(Row r) {
        StringBuilder sb = new StringBuilder();
        for (PrimaryKeyColumn c : r.getPrimaryKey().getPrimaryKeyColumns()) {
            sb.append(c.getName()).append('=').append(c.getValue()).append(' ');
        }
        TreeMap<String, String> attrs = new TreeMap<>();
        for (Column c : r.getColumns()) {
            attrs.putIfAbsent(c.getName(), c.getValue().getType() + ":" + (c.getValue().getType()
                    == com.alicloud.openservices.tablestore.model.ColumnType.BINARY
                    ? Arrays.toString(c.getValue().asBinary()) : c.getValue().toString()));
        }
        return sb.append(attrs).toString();
    }

    /** Every BulkExport page of [start, end) as SDK rows, each page checked by {@code page}. */
    private static List<Row> export(PrimaryKey start, PrimaryKey end, Consumer<BulkExportQueryCriteria> options,
                                    Consumer<SimpleRowMatrixBlockParser> page) {
        List<Row> rows = new ArrayList<>();
        PrimaryKey next = start;
        while (next != null) {
            BulkExportQueryCriteria c = new BulkExportQueryCriteria(table);
            c.setInclusiveStartPrimaryKey(next);
            c.setExclusiveEndPrimaryKey(end);
            c.setDataBlockType(DataBlockType.DBT_SIMPLE_ROW_MATRIX);
            options.accept(c);
            BulkExportResponse r = client.bulkExport(new BulkExportRequest(c));
            assertThat(r.getDataBlockType()).isEqualTo(DataBlockType.DBT_SIMPLE_ROW_MATRIX);
            assertThat(r.getConsumedCapacity().getCapacityUnit().getReadCapacityUnit()).isPositive();
            SimpleRowMatrixBlockParser parser = new SimpleRowMatrixBlockParser(r.getRows());
            page.accept(parser);
            rows.addAll(parser.getRows());
            next = r.getNextStartPrimaryKey();
        }
        return rows;
    }

    private static List<Row> getRange(PrimaryKey start, PrimaryKey end, Consumer<RangeRowQueryCriteria> options) {
        List<Row> rows = new ArrayList<>();
        PrimaryKey next = start;
        while (next != null) {
            RangeRowQueryCriteria c = new RangeRowQueryCriteria(table);
            c.setInclusiveStartPrimaryKey(next);
            c.setExclusiveEndPrimaryKey(end);
            c.setMaxVersions(1);
            options.accept(c);
            GetRangeResponse r = client.getRange(new GetRangeRequest(c));
            rows.addAll(r.getRows());
            next = r.getNextStartPrimaryKey();
        }
        return rows;
    }

    private static List<String> rendered(List<Row> rows) {
        return rows.stream().map(BulkExportConformanceTest::render).toList();
    }

    @Test
    void pagesHoldTheSameRowsAsGetRangeWithNewestValuesOnly() {
        List<Integer> pageSizes = new ArrayList<>();
        List<Row> exported = export(all(true), all(false), c -> { }, p -> {
            pageSizes.add(p.getRowCount());
            assertThat(p.hasEntirePrimaryKeys()).isTrue();
            assertThat(p.getPkCount()).isEqualTo(2);
            String[] names = p.parseFieldNames();
            assertThat(Arrays.asList(names).subList(0, 2)).containsExactly("pk", "n");
            List<String> attributes = Arrays.asList(names).subList(2, names.length);
            assertThat(attributes).isSorted();
        });
        assertThat(pageSizes).hasSizeGreaterThanOrEqualTo(3).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(5000));
        assertThat(exported).hasSize(ROWS);
        assertThat(rendered(exported)).isEqualTo(rendered(getRange(all(true), all(false), c -> { })));
        Row first = exported.get(0);
        assertThat(first.getLatestColumn("i").getValue().asLong()).isZero();
        Row fourth = exported.get(3);
        assertThat(fourth.getLatestColumn("i").getValue().asLong()).isEqualTo(-3);
        assertThat(exported.get(1).getLatestColumn("s").getValue().asString()).isEqualTo("zeile 1 – größe ✓");
        assertThat(exported.get(7).getLatestColumn("s")).isNull();
    }

    @Test
    void columnsToGetChooseTheFieldsAndWhetherTheKeyIsEntire() {
        PrimaryKey start = bound(PrimaryKeyValue.fromString("k00100"), PrimaryKeyValue.INF_MIN);
        PrimaryKey end = bound(PrimaryKeyValue.fromString("k00200"), PrimaryKeyValue.INF_MIN);
        List<Row> rows = export(start, end, c -> c.addColumnsToGet(List.of("s", "n", "pk", "i", "missing")), p -> {
            assertThat(p.parseFieldNames()).containsExactly("pk", "n", "i", "missing", "s");
            assertThat(p.hasEntirePrimaryKeys()).isTrue();
        });
        assertThat(rendered(rows)).isEqualTo(rendered(getRange(start, end,
                c -> c.addColumnsToGet(List.of("s", "n", "pk", "i", "missing")))));

        export(start, end, c -> c.addColumnsToGet(List.of("n", "s")), p -> {
            assertThat(p.parseFieldNames()).containsExactly("n", "s");
            assertThat(p.getPkCount()).isEqualTo(1);
            assertThat(p.hasEntirePrimaryKeys()).isFalse();
            assertThat(p.getRowCount()).isEqualTo(300);
        });
    }

    @Test
    void thePlainBufferHintAnswersPlainBufferRows() {
        PrimaryKey start = bound(PrimaryKeyValue.fromString("k01000"), PrimaryKeyValue.INF_MIN);
        PrimaryKey end = bound(PrimaryKeyValue.fromString("k01010"), PrimaryKeyValue.INF_MIN);
        BulkExportQueryCriteria c = new BulkExportQueryCriteria(table);
        c.setInclusiveStartPrimaryKey(start);
        c.setExclusiveEndPrimaryKey(end);
        c.setDataBlockType(DataBlockType.DBT_PLAIN_BUFFER);
        BulkExportResponse r = client.bulkExport(new BulkExportRequest(c));
        assertThat(r.getDataBlockType()).isEqualTo(DataBlockType.DBT_PLAIN_BUFFER);
        assertThat(r.getNextStartPrimaryKey()).isNull();
        List<Row> rows = new PlainBufferBlockParser(r.getRows()).getRows();
        assertThat(rows).hasSize(30);
        assertThat(rendered(rows)).isEqualTo(rendered(getRange(start, end, g -> { })));
    }

    @Test
    void aFilterKeepsMatchingRowsOnly() {
        SingleColumnValueFilter f = new SingleColumnValueFilter("i",
                SingleColumnValueFilter.CompareOperator.GREATER_EQUAL, ColumnValue.fromLong(12_000));
        List<Row> rows = export(all(true), all(false), c -> c.setFilter(f), p -> { });
        assertThat(rows).hasSize(ROWS - 12_000);
        assertThat(rendered(rows)).isEqualTo(rendered(getRange(all(true), all(false), c -> c.setFilter(f))));
    }

    @Test
    void anEmptyRangeIsAValidBlockWithoutRows() {
        PrimaryKey start = bound(PrimaryKeyValue.fromString("zz"), PrimaryKeyValue.INF_MIN);
        List<Row> rows = export(start, all(false), c -> { }, p -> {
            assertThat(p.getRowCount()).isZero();
            assertThat(p.parseFieldNames()).containsExactly("pk", "n");
        });
        assertThat(rows).isEmpty();
    }

    @Test
    void badRequestsAreTheServicesErrors() {
        PrimaryKey k = bound(PrimaryKeyValue.fromString("k00001"), PrimaryKeyValue.fromLong(0));
        assertOtsError(() -> export(k, k, c -> { }, p -> { }), "OTSParameterInvalid", 400,
                "Begin key must less than end key in FORWARD");
        String saved = table;
        table = "no_such_table";
        try {
            assertThat(SdkFixture.otsError(() -> export(all(true), all(false), c -> { }, p -> { })).getErrorCode())
                    .isEqualTo("OTSObjectNotExist");
        } finally {
            table = saved;
        }
    }

    /** Creates table "t" and asks it for a BulkExport, which must be answered as unsupported. */
    private static void assertBulkExportIsUnsupported(SyncClient c) {
        SdkFixture.createTable(c, "t", 1, false);
        BulkExportQueryCriteria q = new BulkExportQueryCriteria("t");
        q.setInclusiveStartPrimaryKey(all(true));
        q.setExclusiveEndPrimaryKey(all(false));
        assertThat(SdkFixture.otsError(() -> c.bulkExport(new BulkExportRequest(q))).getErrorCode())
                .isEqualTo("OTSUnsupportOperation");
    }

    @Test
    void aWithheldActionIsUnsupportedAndAnUnknownOneIsRefusedAtStart() {
        try (TablestoreLocal older = TablestoreLocal.builder().withoutActions("BulkExport").build().start()) {
            SyncClient c = SdkFixture.syncClient(older);
            try {
                assertBulkExportIsUnsupported(c);
                RangeRowQueryCriteria g = new RangeRowQueryCriteria("t");
                g.setInclusiveStartPrimaryKey(all(true));
                g.setExclusiveEndPrimaryKey(all(false));
                g.setMaxVersions(1);
                assertThat(c.getRange(new GetRangeRequest(g)).getRows()).isEmpty();
            } finally {
                c.shutdown();
            }
        }
        assertThatThrownBy(() -> TablestoreLocal.builder().withoutActions("BulkExprot").build().start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot withhold action BulkExprot")
                .hasMessageContaining("BulkExport");
    }

    @Test
    void theCommandWithholdsAnActionAndRefusesOneItDoesNotServe() throws Exception {
        Process p = LocalCommand.launch("--port", "0", "--without-action", "BulkExport");
        try {
            int port = LocalCommand.awaitReady(p, TablestoreLocal.DEFAULT_INSTANCE);
            SyncClient c = new SyncClient("http://127.0.0.1:" + port, TablestoreLocal.DEFAULT_ACCESS_KEY_ID,
                    TablestoreLocal.DEFAULT_ACCESS_KEY_SECRET, TablestoreLocal.DEFAULT_INSTANCE, SdkFixture.config());
            try {
                assertBulkExportIsUnsupported(c);
            } finally {
                c.shutdown();
            }
        } finally {
            p.destroy();
            p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        }

        Process wrong = LocalCommand.launch("--port", "0", "--without-action", "GetRnage");
        String output = new String(wrong.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(wrong.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(wrong.exitValue()).isEqualTo(1);
        assertThat(output).startsWith("tablestore-local: cannot withhold action GetRnage: tablestore-local does not serve it")
                .contains("GetRange").doesNotContain("\tat ");
    }
}
