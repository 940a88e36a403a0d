package io.tablesync.plugin.tablestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.model.DescribeStreamRequest;
import com.alicloud.openservices.tablestore.model.ListStreamRequest;
import com.alicloud.openservices.tablestore.model.StreamShard;
import io.tablesync.core.element.Record;
import io.tablesync.core.engine.JobOutcome;
import io.tablesync.plugin.tablestore.checkpoint.CheckpointRow;
import io.tablesync.plugin.tablestore.checkpoint.JobDescription;
import io.tablesync.plugin.tablestore.checkpoint.StatusTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incremental sync as DataX users run it: contiguous windows, each run resuming from the
 * checkpoints the previous run left in the status table. Every window must deliver exactly its
 * changes: none lost, none twice, each key's changes in write order.
 */
class WindowChainingTest {
    static OtsFixture ots;

    @BeforeAll
    static void start() {
        ots = new OtsFixture(4);
    }

    @AfterAll
    static void stop() {
        ots.close();
    }

    private static List<Record> runWindow(String table, String status, long from, long to, int channels, long failAfter,
                                          JobOutcome.Status expected) {
        String sink = OtsFixture.unique("sink");
        Map<String, Object> reader = ChangeLog.singleVersion(ots.reader(table, status, from, to));
        JobOutcome o = ots.runToCapture(reader, sink, channels, failAfter);
        assertThat(o.status()).as("window [%d, %d): %s", from, to, o.error()).isEqualTo(expected);
        return CaptureWriter.take(sink);
    }

    private static List<Record> runWindow(String table, String status, long from, long to, int channels) {
        return runWindow(table, status, from, to, channels, -1, JobOutcome.Status.SUCCEEDED);
    }

    private static List<Record> runWindow(String table, String status, long from, long to, int channels,
                                          Map<String, Object> options) {
        String sink = OtsFixture.unique("sink");
        Map<String, Object> reader = ChangeLog.singleVersion(ots.reader(table, status, from, to));
        reader.putAll(options);
        JobOutcome o = ots.runToCapture(reader, sink, channels, -1);
        assertThat(o.status()).as("window [%d, %d): %s", from, to, o.error()).isEqualTo(JobOutcome.Status.SUCCEEDED);
        return CaptureWriter.take(sink);
    }

    @Test
    void confSimplifyThreadNumAndSeekIteratorKeepWindowsExact() {
        String table = ots.createTable(true);
        String status = OtsFixture.unique("status");
        ChangeLog log = new ChangeLog(ots, table, 23, 10);
        long t0 = OtsFixture.nowAfterWrites();
        log.write(30);
        long t1 = OtsFixture.nowAfterWrites();
        log.write(30);
        long t2 = OtsFixture.nowAfterWrites();
        log.write(30);
        long t3 = OtsFixture.nowAfterWrites();
        // Tasks learn the shard list from the status table; one thread per task reads shards one by one.
        assertThat(ChangeLog.actual(runWindow(table, status, t0, t1, 2,
                Map.of("confSimplifyEnable", true, "threadNum", 2)))).isEqualTo(log.expected(0, 30));
        // A gap ([t1, t2) is never run): no exact checkpoints at t2, so shards seek by time and skip.
        assertThat(ChangeLog.actual(runWindow(table, status, t2, t3, 1,
                Map.of("enableSeekIterator", true, "threadNum", 8)))).isEqualTo(log.expected(60, 90));
    }

    @Test
    void chainedWindowsDeliverEveryChangeExactlyOnce() {
        String table = ots.createTable(true);
        String status = OtsFixture.unique("status");
        ChangeLog log = new ChangeLog(ots, table, 42, 15);
        List<Long> bounds = new ArrayList<>();
        List<Integer> marks = new ArrayList<>();
        bounds.add(OtsFixture.nowAfterWrites());
        marks.add(0);
        for (int w = 0; w < 6; w++) {
            log.write(w == 3 ? 0 : 40); // one empty window in the chain
            bounds.add(OtsFixture.nowAfterWrites());
            marks.add(log.size());
        }
        for (int w = 0; w < 6; w++) {
            List<Record> got = runWindow(table, status, bounds.get(w), bounds.get(w + 1), 1 + w % 3);
            assertThat(ChangeLog.actual(got)).as("window %d", w).isEqualTo(log.expected(marks.get(w), marks.get(w + 1)));
        }
        // The status table holds DataX's rows: one checkpoint per shard at every end, of that run's version.
        StatusTable st = new StatusTable(ots.client, status);
        String streamId = ots.streamId(table);
        for (int w = 1; w <= 6; w++) {
            JobDescription desc = st.readJobDescription(streamId, bounds.get(w));
            assertThat(desc.shardIds()).hasSize(4);
            assertThat(desc.startTime()).isEqualTo(bounds.get(w - 1));
            Map<String, CheckpointRow> cps = st.readCheckpoints(streamId, bounds.get(w));
            assertThat(cps.keySet()).containsExactlyInAnyOrderElementsOf(desc.shardIds());
            assertThat(cps.values()).allSatisfy(cp -> assertThat(cp.version()).isEqualTo(desc.version()));
            long sent = cps.values().stream().mapToLong(CheckpointRow::sendRecordCount).sum();
            assertThat(sent).isEqualTo(marks.get(w) - marks.get(w - 1));
        }
    }

    @Test
    void rerunningAWindowExportsItAgainAndTheNextWindowStillResumesExactly() {
        String table = ots.createTable(true);
        String status = OtsFixture.unique("status");
        ChangeLog log = new ChangeLog(ots, table, 7, 10);
        long t0 = OtsFixture.nowAfterWrites();
        log.write(30);
        long t1 = OtsFixture.nowAfterWrites();
        log.write(30);
        long t2 = OtsFixture.nowAfterWrites();
        Map<String, List<ChangeLog.Change>> first = log.expected(0, 30);
        assertThat(ChangeLog.actual(runWindow(table, status, t0, t1, 2))).isEqualTo(first);
        assertThat(ChangeLog.actual(runWindow(table, status, t0, t1, 3))).isEqualTo(first);
        assertThat(ChangeLog.actual(runWindow(table, status, t1, t2, 4))).isEqualTo(log.expected(30, 60));
    }

    @Test
    void aFailedRunIsRetriedAndAWindowAfterAFailedRunLosesNothing() {
        String table = ots.createTable(true);
        String status = OtsFixture.unique("status");
        ChangeLog log = new ChangeLog(ots, table, 11, 12);
        long t0 = OtsFixture.nowAfterWrites();
        log.write(40);
        long t1 = OtsFixture.nowAfterWrites();
        log.write(40);
        long t2 = OtsFixture.nowAfterWrites();
        log.write(40);
        long t3 = OtsFixture.nowAfterWrites();

        // The sink dies after 5 records: the run fails and must not leave a complete checkpoint set.
        runWindow(table, status, t0, t1, 2, 5, JobOutcome.Status.FAILED);
        StatusTable st = new StatusTable(ots.client, status);
        assertThat(st.readCheckpoints(ots.streamId(table), t1).size()).isLessThan(4);
        // Retry of the same window: everything again.
        assertThat(ChangeLog.actual(runWindow(table, status, t0, t1, 2))).isEqualTo(log.expected(0, 40));
        // The next window fails too, and is NOT retried; the window after it cannot resume exactly
        // and falls back to reading by time: still nothing lost or duplicated.
        runWindow(table, status, t1, t2, 2, 3, JobOutcome.Status.FAILED);
        assertThat(ChangeLog.actual(runWindow(table, status, t2, t3, 2))).isEqualTo(log.expected(80, 120));
    }

}
