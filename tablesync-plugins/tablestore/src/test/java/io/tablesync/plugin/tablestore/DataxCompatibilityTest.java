package io.tablesync.plugin.tablestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.Direction;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetShardIteratorRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.PutRowRequest;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.StreamShard;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tablesync.core.engine.JobOutcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The status table is DataX's: rows written here have DataX's keys and columns (checked with the
 * raw SDK, not with our own reader of them), and rows laid out by DataX are resumed from.
 */
class DataxCompatibilityTest {
    static OtsFixture ots;

    @BeforeAll
    static void start() {
        ots = new OtsFixture(2);
    }

    @AfterAll
    static void stop() {
        ots.close();
    }

    private static PrimaryKey key(String streamId, String type, String value) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("StreamId", PrimaryKeyValue.fromString(streamId))
                .addPrimaryKeyColumn("StatusType", PrimaryKeyValue.fromString(type))
                .addPrimaryKeyColumn("StatusValue", PrimaryKeyValue.fromString(value)).build();
    }

    private static List<Row> allRows(String status) {
        RangeRowQueryCriteria c = new RangeRowQueryCriteria(status);
        c.setInclusiveStartPrimaryKey(PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("StreamId", PrimaryKeyValue.INF_MIN)
                .addPrimaryKeyColumn("StatusType", PrimaryKeyValue.INF_MIN)
                .addPrimaryKeyColumn("StatusValue", PrimaryKeyValue.INF_MIN).build());
        c.setExclusiveEndPrimaryKey(PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("StreamId", PrimaryKeyValue.INF_MAX)
                .addPrimaryKeyColumn("StatusType", PrimaryKeyValue.INF_MAX)
                .addPrimaryKeyColumn("StatusValue", PrimaryKeyValue.INF_MAX).build());
        c.setMaxVersions(1);
        c.setDirection(Direction.FORWARD);
        return ots.client.getRange(new GetRangeRequest(c)).getRows();
    }

    @Test
    void rowsWrittenHaveDataxLayout() throws Exception {
        String table = ots.createTable(true);
        String status = OtsFixture.unique("status");
        ChangeLog log = new ChangeLog(ots, table, 3, 6);
        long t0 = OtsFixture.nowAfterWrites();
        log.write(20);
        long t1 = OtsFixture.nowAfterWrites();
        JobOutcome o = ots.runToCapture(ChangeLog.singleVersion(ots.reader(table, status, t0, t1)),
                OtsFixture.unique("sink"), 2, -1);
        assertThat(o.status()).isEqualTo(JobOutcome.Status.SUCCEEDED);
        String streamId = ots.streamId(table);
        String end16 = String.format("%16d", t1);
        assertThat(end16).hasSize(16);
        int checkpoints = 0;
        boolean jobDesc = false;
        for (Row r : allRows(status)) {
            assertThat(r.getPrimaryKey().getPrimaryKeyColumn("StreamId").getValue().asString()).isEqualTo(streamId);
            String type = r.getPrimaryKey().getPrimaryKeyColumn("StatusType").getValue().asString();
            String value = r.getPrimaryKey().getPrimaryKeyColumn("StatusValue").getValue().asString();
            switch (type) {
                case "CheckpointForDataxReader" -> {
                    assertThat(value).startsWith(end16 + "\t");
                    assertThat(r.getLatestColumn("Version").getValue().asString()).matches("\\d+-[0-9a-f-]{36}");
                    assertThat(r.getLatestColumn("Checkpoint").getValue().asString()).isNotEmpty();
                    assertThat(r.getLatestColumn("SkipCount").getValue().asLong()).isZero();
                    checkpoints++;
                }
                case "DataxJobDesc" -> {
                    assertThat(value).isEqualTo(end16);
                    assertThat(r.getLatestColumn("StartTime").getValue().asLong()).isEqualTo(t0);
                    assertThat(r.getLatestColumn("EndTime").getValue().asLong()).isEqualTo(t1);
                    assertThat(r.getLatestColumn("TableName").getValue().asString()).isEqualTo(table);
                    assertThat(r.getLatestColumn("JobStreamId").getValue().asString()).isEqualTo(streamId);
                    List<String> ids = List.of(new ObjectMapper().readValue(
                            inflate(r.getLatestColumn("ShardIds_0").getValue().asBinary()), String[].class));
                    assertThat(ids).hasSize(2);
                    jobDesc = true;
                }
                case "ShardTimeCheckpointForDataxReader" -> assertThat(value).matches("[^\\t]+\\t[ \\d]{16}");
                default -> throw new AssertionError("unexpected status row type " + type);
            }
        }
        assertThat(checkpoints).isEqualTo(2);
        assertThat(jobDesc).isTrue();
    }

    /** Writes the rows DataX leaves at the end of a window whose checkpoints are the given iterators. */
    private static void writeDataxWindowEnd(String status, String streamId, long end, List<String> shardIds,
                                            List<String> iterators) throws Exception {
        String version = "1700000000000-datax";
        RowPutChange desc = new RowPutChange(status, key(streamId, "DataxJobDesc", String.format("%16d", end)));
        desc.addColumn("ShardIds_0", ColumnValue.fromBinary(deflate(new ObjectMapper().writeValueAsBytes(shardIds))));
        desc.addColumn("Version", ColumnValue.fromString(version));
        desc.addColumn("TableName", ColumnValue.fromString("t"));
        desc.addColumn("JobStreamId", ColumnValue.fromString(streamId));
        desc.addColumn("StartTime", ColumnValue.fromLong(end - 3600_000));
        desc.addColumn("EndTime", ColumnValue.fromLong(end));
        ots.client.putRow(new PutRowRequest(desc));
        for (int i = 0; i < shardIds.size(); i++) {
            RowPutChange cp = new RowPutChange(status,
                    key(streamId, "CheckpointForDataxReader", String.format("%16d", end) + "\t" + shardIds.get(i)));
            cp.addColumn("Version", ColumnValue.fromString(version));
            cp.addColumn("Checkpoint", ColumnValue.fromString(iterators.get(i)));
            cp.addColumn("SkipCount", ColumnValue.fromLong(0));
            ots.client.putRow(new PutRowRequest(cp));
        }
    }

    @Test
    void resumesFromCheckpointsLaidOutByDatax() throws Exception {
        String table = ots.createTable(true);
        String status = OtsFixture.unique("status");
        ChangeLog log = new ChangeLog(ots, table, 5, 6);
        log.write(20);
        long t1 = OtsFixture.nowAfterWrites();
        log.write(20);
        long t2 = OtsFixture.nowAfterWrites();
        // First let tablesync create the status table (any window), then plant DataX's rows at t1
        // whose checkpoints point at the very beginning of each shard.
        assertThat(ots.runToCapture(ots.reader(table, status, t1 - 1, t1), OtsFixture.unique("sink"), 1, -1).status())
                .isEqualTo(JobOutcome.Status.SUCCEEDED);
        String streamId = ots.streamId(table);
        List<String> ids = new ArrayList<>();
        List<String> iterators = new ArrayList<>();
        for (StreamShard s : ots.shards(table)) {
            ids.add(s.getShardId());
            iterators.add(ots.client.getShardIterator(new GetShardIteratorRequest(streamId, s.getShardId()))
                    .getShardIterator());
        }
        writeDataxWindowEnd(status, streamId, t1, ids, iterators);
        String sink = OtsFixture.unique("sink");
        JobOutcome o = ots.runToCapture(ChangeLog.singleVersion(ots.reader(table, status, t1, t2)), sink, 2, -1);
        assertThat(o.status()).as(String.valueOf(o.error())).isEqualTo(JobOutcome.Status.SUCCEEDED);
        // Resuming exactly from a checkpoint applies no time filter: the changes before t1 come too,
        // which proves the planted checkpoints were used (a time-based fallback would skip them).
        assertThat(ChangeLog.actual(CaptureWriter.take(sink))).isEqualTo(log.expected(0, 40));
    }

    @Test
    void trimmedCheckpointIsExplained() throws Exception {
        String table = ots.createTable(true);
        String status = OtsFixture.unique("status");
        new ChangeLog(ots, table, 5, 6).write(5);
        long t1 = OtsFixture.nowAfterWrites();
        long t2 = OtsFixture.nowAfterWrites();
        assertThat(ots.runToCapture(ots.reader(table, status, t1 - 1, t1), OtsFixture.unique("sink"), 1, -1).status())
                .isEqualTo(JobOutcome.Status.SUCCEEDED);
        String streamId = ots.streamId(table);
        List<String> ids = new ArrayList<>();
        List<String> iterators = new ArrayList<>();
        for (StreamShard s : ots.shards(table)) {
            ids.add(s.getShardId());
            // tablestore-local's iterators are Base64url("tsl1:stream:shard:offset"); a stream that no
            // longer exists is what the service reports as trimmed data.
            iterators.add(Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("tsl1:" + table + "_gone:" + s.getShardId() + ":0").getBytes(StandardCharsets.UTF_8)));
        }
        writeDataxWindowEnd(status, streamId, t1, ids, iterators);
        JobOutcome o = ots.runToCapture(ots.reader(table, status, t1, t2), OtsFixture.unique("sink"), 1, -1);
        assertThat(o.status()).isEqualTo(JobOutcome.Status.FAILED);
        assertThat(o.error().getMessage()).contains("OTSTrimmedDataAccess").contains("run a full export")
                .contains("windows starting at or after");
    }

    private static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater();
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] data) throws Exception {
        Inflater inf = new Inflater();
        inf.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        while (!inf.finished()) {
            out.write(buf, 0, inf.inflate(buf));
        }
        inf.end();
        return out.toByteArray();
    }
}
