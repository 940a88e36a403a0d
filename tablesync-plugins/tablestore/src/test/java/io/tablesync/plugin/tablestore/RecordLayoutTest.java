package io.tablesync.plugin.tablestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.DescribeStreamRequest;
import com.alicloud.openservices.tablestore.model.GetShardIteratorRequest;
import com.alicloud.openservices.tablestore.model.GetStreamRecordRequest;
import com.alicloud.openservices.tablestore.model.ListStreamRequest;
import com.alicloud.openservices.tablestore.model.RecordSequenceInfo;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import com.alicloud.openservices.tablestore.model.StreamRecord;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import io.tablesync.core.engine.JobOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both record layouts (research/datax.md §3.8) for a PutRow, a partial UpdateRow with a put, a
 * DELETE_ONE_VERSION and a DELETE_ALL_VERSION, and a DeleteRow, read from tablestore-local
 * through the engine. One shard, so the expected output order is the write order.
 */
class RecordLayoutTest {
    static OtsFixture ots;
    static String table;
    static long start;
    static long end;
    static long v1;
    static String shardId;
    static List<RecordSequenceInfo> seqs = new ArrayList<>();

    @BeforeAll
    static void writeChanges() {
        ots = new OtsFixture(1);
        table = ots.createTable(true);
        start = System.currentTimeMillis() - 1;
        v1 = System.currentTimeMillis() - 60_000;
        RowPutChange put = new RowPutChange(table, OtsFixture.pk("a", 1));
        put.addColumn(new Column("s", ColumnValue.fromString("x"), v1));
        put.addColumn(new Column("l", ColumnValue.fromLong(5), v1));
        ots.client.putRow(new com.alicloud.openservices.tablestore.model.PutRowRequest(put));
        RowUpdateChange upd = new RowUpdateChange(table, OtsFixture.pk("a", 1));
        upd.put(new Column("d", ColumnValue.fromDouble(1.5), v1 + 1));
        upd.deleteColumn("s", v1);
        upd.deleteColumns("l");
        ots.update(table, upd);
        ots.delete(table, "a", 1);
        end = OtsFixture.nowAfterWrites();
        // The sequence infos as the SDK itself reports them, to check our formatting against.
        String streamId = ots.client.listStream(new ListStreamRequest(table)).getStreams().get(0).getStreamId();
        shardId = ots.client.describeStream(new DescribeStreamRequest(streamId)).getShards().get(0).getShardId();
        String it = ots.client.getShardIterator(new GetShardIteratorRequest(streamId, shardId)).getShardIterator();
        for (StreamRecord r : ots.client.getStreamRecord(new GetStreamRecordRequest(it)).getRecords()) {
            seqs.add(r.getSequenceInfo());
        }
        assertThat(seqs).hasSize(3);
    }

    @AfterAll
    static void stop() {
        ots.close();
    }

    private static String seq(int record, Integer column) {
        RecordSequenceInfo s = seqs.get(record);
        String base = String.format("%010d_%020d_%010d_%s", s.getEpoch(), s.getTimestamp(), s.getRowIndex(), shardId);
        return column == null ? base : base + ":" + String.format("%010d", column);
    }

    private List<String> runToFile(Map<String, Object> reader) throws Exception {
        Map<String, Object> writer = new LinkedHashMap<>();
        writer.put("path", ots.dir.toString());
        String file = OtsFixture.unique("out");
        writer.put("fileName", file);
        writer.put("print", false);
        JobOutcome o = ots.run(reader, "streamwriter", writer, 1);
        assertThat(o.status()).as(String.valueOf(o.error())).isEqualTo(JobOutcome.Status.SUCCEEDED);
        return Files.readAllLines(Path.of(ots.dir.toString(), file));
    }

    @Test
    void multiVersionLayoutWithSequenceInfo() throws Exception {
        Map<String, Object> reader = ots.reader(table, OtsFixture.unique("status"), start, end);
        reader.put("isExportSequenceInfo", true);
        String t1 = String.valueOf(v1);
        String t2 = String.valueOf(v1 + 1);
        assertThat(runToFile(reader)).containsExactly(
                "a\t1\tnull\tnull\tnull\tDR\t" + seq(0, 0),
                "a\t1\ts\t" + t1 + "\tx\tU\t" + seq(0, 1),
                "a\t1\tl\t" + t1 + "\t5\tU\t" + seq(0, 2),
                "a\t1\td\t" + t2 + "\t1.5\tU\t" + seq(1, 0),
                "a\t1\ts\t" + t1 + "\tnull\tDO\t" + seq(1, 1),
                "a\t1\tl\tnull\tnull\tDA\t" + seq(1, 2),
                "a\t1\tnull\tnull\tnull\tDR\t" + seq(2, 0));
    }

    @Test
    void multiVersionWithoutSequenceInfoIsTheDefault() throws Exception {
        Map<String, Object> reader = ots.reader(table, OtsFixture.unique("status"), start, end);
        reader.put("mode", "multi_version");
        List<String> lines = runToFile(reader);
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("a\t1\tnull\tnull\tnull\tDR");
    }

    @Test
    void singleVersionDataXViewWithSequenceInfo() throws Exception {
        Map<String, Object> reader = singleVersion();
        reader.put("isExportSequenceInfo", true);
        // What a DataX writer sees: untouched and deleted columns are null.
        assertThat(runToFile(reader)).containsExactly(
                "a\t1\tx\t5\tnull\tnull\ta\t" + seq(0, null),
                "a\t1\tnull\tnull\t1.5\tnull\ta\t" + seq(1, null),
                "a\t1\tnull\tnull\tnull\tnull\ta\t" + seq(2, null));
    }

    private static Map<String, Object> singleVersion() {
        Map<String, Object> reader = ots.reader(table, OtsFixture.unique("status"), start, end);
        reader.put("mode", "single_version_and_update_only");
        reader.put("column", List.of(Map.of("name", "id"), Map.of("name", "n"), Map.of("name", "s"),
                Map.of("name", "l"), Map.of("name", "d"), Map.of("name", "never"), Map.of("name", "id")));
        return reader;
    }

    @Test
    void singleVersionCarriesOperationStatesAndPositions() {
        String sink = OtsFixture.unique("sink");
        JobOutcome o = ots.runToCapture(singleVersion(), sink, 1, -1);
        assertThat(o.status()).as(String.valueOf(o.error())).isEqualTo(JobOutcome.Status.SUCCEEDED);
        List<Record> records = CaptureWriter.take(sink);
        assertThat(records).hasSize(3);

        Record put = records.get(0);
        assertThat(put.getOperation()).isEqualTo(Operation.UPSERT);
        assertThat(states(put)).containsExactly(ColumnState.PRESENT, ColumnState.PRESENT, ColumnState.PRESENT,
                ColumnState.PRESENT, ColumnState.PRESENT, ColumnState.PRESENT, ColumnState.PRESENT);
        assertThat(put.getColumn(2).asString()).isEqualTo("x");
        assertThat(put.getColumn(3).asLong()).isEqualTo(5L);
        assertThat(put.getColumn(4).getRawData()).isNull();

        Record update = records.get(1);
        assertThat(update.getOperation()).isEqualTo(Operation.UPDATE);
        assertThat(states(update)).containsExactly(ColumnState.PRESENT, ColumnState.PRESENT, ColumnState.DELETED,
                ColumnState.DELETED, ColumnState.PRESENT, ColumnState.ABSENT, ColumnState.PRESENT);
        assertThat(update.getColumn(4).asDouble()).isEqualTo(1.5);

        Record delete = records.get(2);
        assertThat(delete.getOperation()).isEqualTo(Operation.DELETE);
        assertThat(states(delete)).containsExactly(ColumnState.PRESENT, ColumnState.PRESENT, ColumnState.ABSENT,
                ColumnState.ABSENT, ColumnState.ABSENT, ColumnState.ABSENT, ColumnState.PRESENT);
        assertThat(delete.getColumn(0).asString()).isEqualTo("a");
        assertThat(delete.getColumn(1).asLong()).isEqualTo(1L);

        for (int i = 0; i < 3; i++) {
            assertThat(records.get(i).getPosition().partition()).isEqualTo(shardId);
            assertThat(records.get(i).getPosition().sequence()).isEqualTo(i + 1);
        }
    }

    @Test
    void deleteModeIgnoreDropsAndCountsDeletes() {
        Map<String, Object> reader = singleVersion();
        reader.put("deleteMode", "ignore");
        String sink = OtsFixture.unique("sink");
        JobOutcome o = ots.runToCapture(reader, sink, 1, -1);
        assertThat(o.status()).isEqualTo(JobOutcome.Status.SUCCEEDED);
        List<Record> records = CaptureWriter.take(sink);
        assertThat(records).extracting(Record::getOperation).containsExactly(Operation.UPSERT, Operation.UPDATE);
        assertThat(o.snapshot().named()).containsEntry("otsstreamreader deletes dropped (deleteMode: ignore)", 1L);
    }

    private static List<ColumnState> states(Record r) {
        List<ColumnState> out = new ArrayList<>();
        for (int i = 0; i < r.getColumnNumber(); i++) {
            out.add(r.getColumnState(i));
        }
        return out;
    }
}
