package io.tablesync.plugin.tablestore.checkpoint;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.condition.CompositeColumnValueCondition;
import com.alicloud.openservices.tablestore.model.Condition;
import com.alicloud.openservices.tablestore.model.Direction;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowExistenceExpectation;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.condition.SingleColumnValueCondition;
import io.tablesync.core.source.CheckpointStore;
import io.tablesync.core.source.LeaseStore;
import io.tablesync.core.source.SplitCheckpoint;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a continuous {@code sync} keeps in DataX's status table, under status types of its own so
 * DataX's window rows are never touched (a DataX user can keep running windows on the same table):
 *
 * <table>
 *   <caption>rows per stream (StreamId = the data table's stream)</caption>
 *   <tr><th>StatusType</th><th>StatusValue</th><th>columns</th></tr>
 *   <tr><td>{@value #TYPE_CHECKPOINT}</td><td>shard id</td><td>Checkpoint (iterator, TRIM_HORIZON or
 *       SHARD_END), Finished, EventTime, CommittedAt, Records</td></tr>
 *   <tr><td>{@value #TYPE_LEASE}</td><td>{@value #LEASE_VALUE}</td><td>Owner, Counter</td></tr>
 *   <tr><td>{@value #TYPE_WINDOW}</td><td>{@value #WINDOW_VALUE}</td><td>LastEnd, Interval (ms) of
 *       {@code sync --every}</td></tr>
 *   <tr><td>{@value #TYPE_GAP}</td><td>shard id, tab, %16d time</td><td>Detail: changes lost to
 *       stream retention</td></tr>
 * </table>
 */
public final class SyncStatus implements CheckpointStore, LeaseStore {
    public static final String TYPE_CHECKPOINT = "TablesyncShardCheckpoint";
    public static final String TYPE_LEASE = "TablesyncLease";
    public static final String TYPE_WINDOW = "TablesyncWindow";
    public static final String TYPE_GAP = "TablesyncGap";
    static final String LEASE_VALUE = "lease";
    static final String WINDOW_VALUE = "window";

    static final String COL_CHECKPOINT = "Checkpoint";
    static final String COL_FINISHED = "Finished";
    static final String COL_EVENT_TIME = "EventTime";
    static final String COL_COMMITTED_AT = "CommittedAt";
    static final String COL_RECORDS = "Records";
    static final String COL_OWNER = "Owner";
    static final String COL_COUNTER = "Counter";
    static final String COL_LAST_END = "LastEnd";
    static final String COL_INTERVAL = "Interval";
    static final String COL_DETAIL = "Detail";

    private final StatusRows rows;
    private final String streamId;

    SyncStatus(StatusRows rows, String streamId) {
        this.rows = rows;
        this.streamId = streamId;
    }

    public String streamId() {
        return streamId;
    }

    // ---- checkpoints ----

    @Override
    public Map<String, SplitCheckpoint> load() {
        Map<String, SplitCheckpoint> out = new LinkedHashMap<>();
        for (Row r : rows.range(StatusRows.pk(streamId, TYPE_CHECKPOINT, ""),
                StatusRows.pk(streamId, TYPE_CHECKPOINT, StatusKeys.AFTER_ALL_SHARDS), Direction.FORWARD, Integer.MAX_VALUE)) {
            String shard = StatusRows.statusValue(r);
            out.put(shard, new SplitCheckpoint(shard, StatusRows.str(r, COL_CHECKPOINT), StatusRows.bool(r, COL_FINISHED),
                    StatusRows.lng(r, COL_EVENT_TIME, -1), StatusRows.lng(r, COL_COMMITTED_AT), StatusRows.lng(r, COL_RECORDS)));
        }
        return out;
    }

    @Override
    public void save(Collection<SplitCheckpoint> checkpoints) {
        for (SplitCheckpoint cp : checkpoints) {
            RowPutChange c = new RowPutChange(rows.table(), StatusRows.pk(streamId, TYPE_CHECKPOINT, cp.splitId()));
            c.addColumn(COL_CHECKPOINT, ColumnValue.fromString(cp.state()));
            c.addColumn(COL_FINISHED, ColumnValue.fromBoolean(cp.finished()));
            c.addColumn(COL_EVENT_TIME, ColumnValue.fromLong(cp.eventTimeMillis()));
            c.addColumn(COL_COMMITTED_AT, ColumnValue.fromLong(cp.committedAtMillis()));
            c.addColumn(COL_RECORDS, ColumnValue.fromLong(cp.records()));
            rows.put(c, "writing the sync checkpoint of shard " + cp.splitId());
        }
    }

    /** Forgets a shard's checkpoint (its records expired from the stream). */
    public void deleteCheckpoint(String shardId) {
        rows.delete(StatusRows.pk(streamId, TYPE_CHECKPOINT, shardId));
    }

    // ---- lease ----

    @Override
    public LeaseRecord read() {
        Row r = rows.get(StatusRows.pk(streamId, TYPE_LEASE, LEASE_VALUE));
        return r == null ? null : new LeaseRecord(StatusRows.str(r, COL_OWNER), StatusRows.lng(r, COL_COUNTER));
    }

    @Override
    public boolean create(String owner) {
        RowPutChange c = leaseRow(new LeaseRecord(owner, 0));
        c.setCondition(new Condition(RowExistenceExpectation.EXPECT_NOT_EXIST));
        return rows.putIf(c, "creating the lease row");
    }

    @Override
    public boolean replace(LeaseRecord expected, LeaseRecord next) {
        RowPutChange c = leaseRow(next);
        c.setCondition(holding(expected));
        return rows.putIf(c, "renewing the lease");
    }

    @Override
    public void delete(LeaseRecord expected) {
        RowDeleteChange c = new RowDeleteChange(rows.table(), StatusRows.pk(streamId, TYPE_LEASE, LEASE_VALUE));
        c.setCondition(holding(expected));
        rows.delete(c);
    }

    private RowPutChange leaseRow(LeaseRecord lease) {
        RowPutChange c = new RowPutChange(rows.table(), StatusRows.pk(streamId, TYPE_LEASE, LEASE_VALUE));
        c.addColumn(COL_OWNER, ColumnValue.fromString(lease.owner()));
        c.addColumn(COL_COUNTER, ColumnValue.fromLong(lease.counter()));
        return c;
    }

    private static Condition holding(LeaseRecord expected) {
        Condition cond = new Condition(RowExistenceExpectation.EXPECT_EXIST);
        CompositeColumnValueCondition both = new CompositeColumnValueCondition(CompositeColumnValueCondition.LogicOperator.AND);
        both.addCondition(new SingleColumnValueCondition(COL_OWNER, SingleColumnValueCondition.CompareOperator.EQUAL,
                ColumnValue.fromString(expected.owner())));
        both.addCondition(new SingleColumnValueCondition(COL_COUNTER, SingleColumnValueCondition.CompareOperator.EQUAL,
                ColumnValue.fromLong(expected.counter())));
        cond.setColumnCondition(both);
        return cond;
    }

    // ---- windows of `sync --every` ----

    /** End of the last window {@code sync --every} finished, if any. */
    public OptionalLong lastWindowEnd() {
        Row r = rows.get(StatusRows.pk(streamId, TYPE_WINDOW, WINDOW_VALUE));
        return r == null || r.getLatestColumn(COL_LAST_END) == null ? OptionalLong.empty()
                : OptionalLong.of(StatusRows.lng(r, COL_LAST_END));
    }

    public void writeWindowEnd(long endMillis, long intervalMillis) {
        RowPutChange c = new RowPutChange(rows.table(), StatusRows.pk(streamId, TYPE_WINDOW, WINDOW_VALUE));
        c.addColumn(COL_LAST_END, ColumnValue.fromLong(endMillis));
        c.addColumn(COL_INTERVAL, ColumnValue.fromLong(intervalMillis));
        rows.put(c, "recording the finished window");
    }

    // ---- gaps ----

    /** Records that a shard lost changes to retention (kept so {@code status} can show it). */
    public void recordGap(String shardId, long atMillis, String detail) {
        RowPutChange c = new RowPutChange(rows.table(), StatusRows.pk(streamId, TYPE_GAP,
                StatusKeys.shardTimeValue(shardId, atMillis)));
        c.addColumn(COL_DETAIL, ColumnValue.fromString(detail));
        rows.put(c, "recording a gap of shard " + shardId);
    }
}
