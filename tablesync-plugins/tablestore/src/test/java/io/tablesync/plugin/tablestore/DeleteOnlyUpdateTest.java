package io.tablesync.plugin.tablestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PutRowRequest;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import io.tablesync.core.engine.JobOutcome;
import io.tablesync.plugin.tablestore.stream.RowExistence;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An UpdateRow that only deletes columns: when the row is gone afterwards (its last attribute column
 * was deleted, or the row had been deleted before), the record is a DELETE, so a sink does not keep
 * or create an empty document for a row that does not exist. Found by the distribution's crash test.
 */
class DeleteOnlyUpdateTest {
    static OtsFixture ots;
    static String table;
    static long start;
    static long end;

    @BeforeAll
    static void writeChanges() {
        ots = new OtsFixture(1);
        table = ots.createTable(true);
        start = System.currentTimeMillis() - 1;
        put("last", true);        // s only: deleting s leaves no attribute column
        put("other", false);      // s and l: deleting s leaves l
        put("deleted", true);
        ots.update(table, deleteS("last"));
        ots.update(table, deleteS("other"));
        ots.delete(table, "deleted", 1);
        ots.update(table, deleteS("deleted")); // deleting a column of a deleted row creates nothing
        end = OtsFixture.nowAfterWrites();
    }

    private static void put(String id, boolean onlyS) {
        RowPutChange put = new RowPutChange(table, OtsFixture.pk(id, 1));
        put.addColumn("s", ColumnValue.fromString("x"));
        if (!onlyS) {
            put.addColumn("l", ColumnValue.fromLong(5));
        }
        ots.client.putRow(new PutRowRequest(put));
    }

    private static RowUpdateChange deleteS(String id) {
        RowUpdateChange u = new RowUpdateChange(table, OtsFixture.pk(id, 1));
        u.deleteColumns("s");
        return u;
    }

    @Test
    void aDeleteOnlyUpdateFollowedByAPutOrDeleteOfItsRowInThePageNeedsNoCheck() {
        String t = ots.createTable(true);
        long from = System.currentTimeMillis() - 1;
        RowPutChange put = new RowPutChange(t, OtsFixture.pk("a", 1));
        put.addColumn("s", ColumnValue.fromString("x"));
        ots.client.putRow(new PutRowRequest(put));
        RowUpdateChange u = new RowUpdateChange(t, OtsFixture.pk("a", 1));
        u.deleteColumns("s");
        ots.update(t, u);                   // the row is gone now ...
        ots.client.putRow(new PutRowRequest(put)); // ... and put again: that put decides the document
        long to = OtsFixture.nowAfterWrites();
        Map<String, Object> reader = ots.reader(t, OtsFixture.unique("status"), from, to);
        reader.put("mode", "single_version_and_update_only");
        reader.put("column", List.of(Map.of("name", "id"), Map.of("name", "s")));
        String sink = OtsFixture.unique("sink");
        JobOutcome o = ots.runToCapture(reader, sink, 1, -1);
        assertThat(o.status()).isEqualTo(JobOutcome.Status.SUCCEEDED);
        assertThat(CaptureWriter.take(sink)).extracting(r -> r.getOperation().name())
                .containsExactly("UPSERT", "UPDATE", "UPSERT");
        assertThat(o.snapshot().named()).doesNotContainKey(RowExistence.REQUESTS_COUNTER);
    }

    @AfterAll
    static void stop() {
        ots.close();
    }

    @Test
    void deleteOnlyUpdatesOfRowsThatAreGoneBecomeDeletes() {
        Map<String, Object> reader = ots.reader(table, OtsFixture.unique("status"), start, end);
        reader.put("mode", "single_version_and_update_only");
        reader.put("column", List.of(Map.of("name", "id"), Map.of("name", "s"), Map.of("name", "l")));
        String sink = OtsFixture.unique("sink");
        JobOutcome o = ots.runToCapture(reader, sink, 1, -1);
        assertThat(o.status()).as(String.valueOf(o.error())).isEqualTo(JobOutcome.Status.SUCCEEDED);
        List<Record> records = CaptureWriter.take(sink);
        assertThat(records).extracting(r -> r.getColumn(0).asString() + ":" + r.getOperation()).containsExactly(
                "last:UPSERT", "other:UPSERT", "deleted:UPSERT",
                "last:DELETE", "other:UPDATE", "deleted:DELETE", "deleted:DELETE");
        Record other = records.get(4);
        assertThat(other.getColumnState(1)).isEqualTo(ColumnState.DELETED);
        assertThat(other.getColumnState(2)).isEqualTo(ColumnState.ABSENT);
        assertThat(records.get(3).getOperation()).isEqualTo(Operation.DELETE);
        assertThat(o.snapshot().named()).as("the page's three delete-only updates are checked with one batched request")
                .containsEntry(RowExistence.REQUESTS_COUNTER, 1L).containsEntry(RowExistence.ROWS_COUNTER, 3L);
    }
}
