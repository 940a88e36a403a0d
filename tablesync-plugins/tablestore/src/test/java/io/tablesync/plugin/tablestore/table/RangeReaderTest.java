package io.tablesync.plugin.tablestore.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.Direction;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import io.tablesync.plugin.tablestore.OtsFixtureAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whole-table reads on a real tablestore-local: through BulkExport (SimpleRowMatrix blocks, decoded here) they give
 * exactly what GetRange gives — every row once, in key order, every type, non-ASCII text, absent columns — in pages
 * of the asked size across the service's 5,000-row blocks, and a read resumed at any page's continuation key goes on
 * where it stopped.
 */
class RangeReaderTest {
    private static final int ROWS = 12_345;
    private static OtsFixtureAccess ots;
    private static String table;

    @BeforeAll
    static void fill() {
        ots = new OtsFixtureAccess(1);
        table = ots.createTable();
        Random random = new Random(7);
        BatchWriteRowRequest batch = new BatchWriteRowRequest();
        for (int i = 0; i < ROWS; i++) {
            RowPutChange put = new RowPutChange(table, OtsFixtureAccess.pk("k" + (i % 97), i));
            put.addColumn("name", ColumnValue.fromString("名前 " + i + " Zoë"));
            if (i % 3 == 0) {
                put.addColumn("score", ColumnValue.fromDouble(random.nextGaussian()));
            }
            if (i % 5 == 0) {
                put.addColumn("flag", ColumnValue.fromBoolean(i % 10 == 0));
            }
            if (i % 7 == 0) {
                put.addColumn("blob", ColumnValue.fromBinary(new byte[] {(byte) i, 0, (byte) -i}));
            }
            put.addColumn("count", ColumnValue.fromLong(random.nextLong()));
            batch.addRowChange(put);
            if (batch.getRowsCount() == 200) {
                ots.client().batchWriteRow(batch);
                batch = new BatchWriteRowRequest();
            }
        }
        if (batch.getRowsCount() > 0) {
            ots.client().batchWriteRow(batch);
        }
    }

    @AfterAll
    static void stop() {
        ots.close();
    }

    private static RangeReader reader(boolean bulkExport, List<String> columns) {
        return new RangeReader(ots.client(), table, columns, Direction.FORWARD, bulkExport);
    }

    private static KeyRange wholeTable() {
        return new KeyRange(OtsFixtureAccess.pkOf(PrimaryKeyValue.INF_MIN, PrimaryKeyValue.INF_MIN),
                OtsFixtureAccess.pkOf(PrimaryKeyValue.INF_MAX, PrimaryKeyValue.INF_MAX));
    }

    /** Every row of the range, page by page, checking each page's size and continuation key. */
    private static List<Row> readAll(RangeReader reader, KeyRange range, int limit) {
        List<Row> rows = new ArrayList<>();
        RangeReader.Cursor cursor = reader.cursor(range);
        RangeReader.Page previous = null;
        while (true) {
            RangeReader.Page page = cursor.next(limit);
            if (limit > 0) {
                assertThat(page.rows().size()).isLessThanOrEqualTo(limit);
            }
            if (previous != null && !page.rows().isEmpty()) {
                assertThat(page.rows().get(0).getPrimaryKey()).isEqualTo(previous.next());
            }
            rows.addAll(page.rows());
            if (page.next() == null) {
                return rows;
            }
            previous = page;
        }
    }

    private static String text(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        for (Row r : rows) {
            sb.append(r.getPrimaryKey()).append(" ->");
            for (Column c : r.getColumns()) {
                sb.append(' ').append(c.getName()).append('=').append(c.getValue().getType()).append(':')
                        .append(c.getValue().getType() == com.alicloud.openservices.tablestore.model.ColumnType.BINARY
                                ? java.util.Arrays.toString(c.getValue().asBinary()) : c.getValue().toString());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void bulkExportReadsExactlyWhatGetRangeReads() {
        RangeReader bulk = reader(true, List.of());
        List<Row> viaBulkExport = readAll(bulk, wholeTable(), 2000);
        List<Row> viaGetRange = readAll(reader(false, List.of()), wholeTable(), 2000);

        assertThat(bulk.usesBulkExport()).as("tablestore-local serves BulkExport").isTrue();
        assertThat(bulk.bulkExportRefusals()).isZero();
        assertThat(viaBulkExport).hasSize(ROWS);
        assertThat(text(viaBulkExport)).isEqualTo(text(viaGetRange));
    }

    @Test
    void onlyTheAskedColumnsComeBackAndARowWithoutThemStillDoes() {
        List<String> columns = List.of("id", "n", "blob");
        List<Row> viaBulkExport = readAll(reader(true, columns), wholeTable(), -1);
        List<Row> viaGetRange = readAll(reader(false, columns), wholeTable(), -1);

        assertThat(viaBulkExport).hasSize(ROWS);
        assertThat(viaBulkExport).allSatisfy(r -> assertThat(r.getColumns()).allMatch(c -> c.getName().equals("blob")));
        assertThat(text(viaBulkExport)).isEqualTo(text(viaGetRange));
    }

    @Test
    void aReadResumedAtAPagesContinuationGoesOnWhereItStopped() {
        RangeReader bulk = reader(true, List.of());
        RangeReader.Cursor cursor = bulk.cursor(wholeTable());
        List<Row> before = new ArrayList<>();
        PrimaryKey resumeAt = null;
        for (int page = 0; page < 4; page++) { // 4 × 1,500 rows: the last page ends inside the service's second block
            RangeReader.Page p = cursor.next(1500);
            before.addAll(p.rows());
            resumeAt = p.next();
        }
        List<Row> after = readAll(bulk, wholeTable().from(resumeAt), 1500);

        List<Row> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(text(all)).isEqualTo(text(readAll(reader(false, List.of()), wholeTable(), -1)));
    }

    @Test
    void anEmptyRangeEndsAtOnce() {
        KeyRange nothing = new KeyRange(OtsFixtureAccess.pk("zz", 0), OtsFixtureAccess.pk("zz", 10));
        RangeReader.Page page = reader(true, List.of()).cursor(nothing).next(100);
        assertThat(page.rows()).isEmpty();
        assertThat(page.next()).isNull();
    }

    @Test
    void aServiceWithoutBulkExportIsReadWithGetRangeAfterOneRefusal() {
        try (OtsFixtureAccess older = new OtsFixtureAccess(1, "BulkExport")) {
            String t = older.createTable();
            BatchWriteRowRequest batch = new BatchWriteRowRequest();
            for (int i = 0; i < 150; i++) {
                RowPutChange put = new RowPutChange(t, OtsFixtureAccess.pk("k" + (i % 7), i));
                put.addColumn("name", ColumnValue.fromString("row " + i));
                batch.addRowChange(put);
            }
            older.client().batchWriteRow(batch);
            RangeReader reader = new RangeReader(older.client(), t, List.of(), Direction.FORWARD, true);

            List<Row> first = readAll(reader, wholeTable(), 40);
            List<Row> second = readAll(reader, wholeTable(), 40);

            assertThat(reader.usesBulkExport()).isFalse();
            assertThat(reader.bulkExportRefusals()).as("the second read goes straight to GetRange").isEqualTo(1);
            assertThat(first).hasSize(150);
            RangeReader getRange = new RangeReader(older.client(), t, List.of(), Direction.FORWARD, false);
            assertThat(text(first)).isEqualTo(text(readAll(getRange, wholeTable(), -1))).isEqualTo(text(second));
        }
    }

    @Test
    void theReadActionPropertyChoosesAndAWrongValueIsAUserError() {
        String before = System.getProperty(RangeReader.API_PROPERTY);
        try {
            System.setProperty(RangeReader.API_PROPERTY, "GetRange");
            assertThat(new RangeReader(ots.client(), table, List.of(), Direction.FORWARD).usesBulkExport()).isFalse();
            System.setProperty(RangeReader.API_PROPERTY, " bulkexport ");
            assertThat(new RangeReader(ots.client(), table, List.of(), Direction.FORWARD).usesBulkExport()).isTrue();
            assertThat(new RangeReader(ots.client(), table, List.of(), Direction.BACKWARD).usesBulkExport())
                    .as("BulkExport reads forward only").isFalse();
            System.setProperty(RangeReader.API_PROPERTY, "Scan");
            assertThatThrownBy(() -> new RangeReader(ots.client(), table, List.of(), Direction.FORWARD))
                    .isInstanceOf(io.tablesync.core.TablesyncException.class)
                    .hasMessageContaining("system property tablesync.ots.tableReads is \"Scan\": use BulkExport or GetRange")
                    .satisfies(e -> assertThat(((io.tablesync.core.TablesyncException) e).isUserError()).isTrue());
        } finally {
            if (before == null) {
                System.clearProperty(RangeReader.API_PROPERTY);
            } else {
                System.setProperty(RangeReader.API_PROPERTY, before);
            }
        }
    }
}
