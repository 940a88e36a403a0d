package io.tablesync.plugin.tablestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.model.StreamShard;
import io.tablesync.core.element.Record;
import io.tablesync.core.engine.JobOutcome;
import io.tablesync.plugin.tablestore.checkpoint.CheckpointRow;
import io.tablesync.plugin.tablestore.checkpoint.StatusTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shards split and merge while changes flow. A key's changes move from the parent to a child at
 * the split/merge, so children must be read only after their parents reached SHARD_END, or the
 * key's changes arrive out of order. Covers a split and a merge inside windows, and a split whose
 * parent still has data after the window end (the child is skipped to the next window).
 */
class ShardSplitMergeTest {
    static OtsFixture ots;

    @BeforeAll
    static void start() {
        ots = new OtsFixture(2);
    }

    @AfterAll
    static void stop() {
        ots.close();
    }

    private static List<Record> run(String table, String status, long from, long to, int channels) {
        String sink = OtsFixture.unique("sink");
        JobOutcome o = ots.runToCapture(ChangeLog.singleVersion(ots.reader(table, status, from, to)), sink, channels, -1);
        assertThat(o.status()).as("window [%d, %d): %s", from, to, o.error()).isEqualTo(JobOutcome.Status.SUCCEEDED);
        return CaptureWriter.take(sink);
    }

    @Test
    void splitAndMergeInsideAndBetweenWindows() {
        String table = ots.createTable(true);
        String status = OtsFixture.unique("status");
        ChangeLog log = new ChangeLog(ots, table, 99, 8);
        List<StreamShard> initial = ots.shards(table);
        String s0 = initial.get(0).getShardId();

        long t0 = OtsFixture.nowAfterWrites();
        log.write(40);
        List<String> children = ots.server.splitShard(table, s0);          // split inside window 1
        log.write(40);
        long t1 = OtsFixture.nowAfterWrites();
        int m1 = log.size();
        log.write(40);
        String merged = ots.server.mergeShards(table, children.get(0), children.get(1)); // merge inside window 2
        log.write(40);
        long t2 = OtsFixture.nowAfterWrites();
        int m2 = log.size();
        log.write(40);                                                      // after window 2's end, in `merged`
        List<String> grandChildren = ots.server.splitShard(table, merged);  // split after window 2's end
        log.write(40);
        long t3 = OtsFixture.nowAfterWrites();
        int m3 = log.size();

        // Window 1: s0 ends; its children are read after it, in this or another task.
        assertThat(ChangeLog.actual(run(table, status, t0, t1, 3))).isEqualTo(log.expected(0, m1));
        // Window 2: the children end at the merge, then the merged shard is read up to t2.
        assertThat(ChangeLog.actual(run(table, status, t1, t2, 2))).isEqualTo(log.expected(m1, m2));
        StatusTable st = new StatusTable(ots.client, status);
        Map<String, CheckpointRow> atT2 = st.readCheckpoints(ots.streamId(table), t2);
        assertThat(atT2.get(s0).checkpoint()).isEqualTo(CheckpointRow.SHARD_END);
        assertThat(atT2.get(children.get(0)).checkpoint()).isEqualTo(CheckpointRow.SHARD_END);
        // `merged` stopped before its end (it has data after t2), so its split children wait for window 3.
        assertThat(atT2.get(merged).isShardEnd()).isFalse();
        assertThat(atT2.get(grandChildren.get(0)).checkpoint()).isEqualTo(CheckpointRow.TRIM_HORIZON);
        assertThat(atT2.get(grandChildren.get(1)).checkpoint()).isEqualTo(CheckpointRow.TRIM_HORIZON);
        // Window 3: `merged` is finished first, then its children from their beginning.
        assertThat(ChangeLog.actual(run(table, status, t2, t3, 4))).isEqualTo(log.expected(m2, m3));
    }
}
