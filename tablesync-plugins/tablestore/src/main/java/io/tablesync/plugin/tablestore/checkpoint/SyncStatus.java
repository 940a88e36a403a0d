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
 *   <tr><td>{@value #TYPE_SNAPSHOT}</td><td>{@value #SNAPSHOT_VALUE}</td><td>Phase (PLANNING, COPYING, DONE),
 *       StartedAt, PositionsAt (when the shard positions were recorded), Ranges, FinishedAt, Rows of
 *       {@code sync --snapshot}</td></tr>
 *   <tr><td>{@value #TYPE_SNAPSHOT_RANGE}</td><td>range id ({@value #RANGE_PREFIX}NNNN)</td><td>as a shard
 *       checkpoint: Checkpoint (next key and end key, or DONE), Finished, CommittedAt, Records</td></tr>
 * </table>
 *
 * <p>Split ids that start with {@value #RANGE_PREFIX} are the snapshot's key ranges: {@link #save} and
 * {@link #load} keep them in their own rows, so a shard checkpoint never mixes with a range.
 */
public final class SyncStatus implements CheckpointStore, LeaseStore {
    public static final String TYPE_CHECKPOINT = "TablesyncShardCheckpoint";
    public static final String TYPE_LEASE = "TablesyncLease";
    public static final String TYPE_WINDOW = "TablesyncWindow";
    public static final String TYPE_GAP = "TablesyncGap";
    public static final String TYPE_SNAPSHOT = "TablesyncSnapshot";
    public static final String TYPE_SNAPSHOT_RANGE = "TablesyncSnapshotRange";
    public static final String RANGE_PREFIX = "snapshot-range-";
    static final String SNAPSHOT_VALUE = "snapshot";
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
    static final String COL_PHASE = "Phase";
    static final String COL_STARTED_AT = "StartedAt";
    static final String COL_POSITIONS_AT = "PositionsAt";
    static final String COL_RANGES = "Ranges";
    static final String COL_FINISHED_AT = "FinishedAt";
    static final String COL_ROWS = "Rows";

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

    /** Shard checkpoints and snapshot ranges. */
    @Override
    public Map<String, SplitCheckpoint> load() {
        Map<String, SplitCheckpoint> out = new LinkedHashMap<>(load(TYPE_CHECKPOINT));
        out.putAll(load(TYPE_SNAPSHOT_RANGE));
        return out;
    }

    private Map<String, SplitCheckpoint> load(String type) {
        Map<String, SplitCheckpoint> out = new LinkedHashMap<>();
        for (Row r : rows.range(StatusRows.pk(streamId, type, ""),
                StatusRows.pk(streamId, type, StatusKeys.AFTER_ALL_SHARDS), Direction.FORWARD, Integer.MAX_VALUE)) {
            String shard = StatusRows.statusValue(r);
            out.put(shard, new SplitCheckpoint(shard, StatusRows.str(r, COL_CHECKPOINT), StatusRows.bool(r, COL_FINISHED),
                    StatusRows.lng(r, COL_EVENT_TIME, -1), StatusRows.lng(r, COL_COMMITTED_AT), StatusRows.lng(r, COL_RECORDS)));
        }
        return out;
    }

    public static boolean isRange(String splitId) {
        return splitId.startsWith(RANGE_PREFIX);
    }

    @Override
    public void save(Collection<SplitCheckpoint> checkpoints) {
        for (SplitCheckpoint cp : checkpoints) {
            String type = isRange(cp.splitId()) ? TYPE_SNAPSHOT_RANGE : TYPE_CHECKPOINT;
            RowPutChange c = new RowPutChange(rows.table(), StatusRows.pk(streamId, type, cp.splitId()));
            c.addColumn(COL_CHECKPOINT, ColumnValue.fromString(cp.state()));
            c.addColumn(COL_FINISHED, ColumnValue.fromBoolean(cp.finished()));
            c.addColumn(COL_EVENT_TIME, ColumnValue.fromLong(cp.eventTimeMillis()));
            c.addColumn(COL_COMMITTED_AT, ColumnValue.fromLong(cp.committedAtMillis()));
            c.addColumn(COL_RECORDS, ColumnValue.fromLong(cp.records()));
            rows.put(c, "writing the sync checkpoint of shard " + cp.splitId());
        }
    }

    /** Forgets every shard checkpoint and snapshot range (a new snapshot records new positions). */
    public void deleteSplitCheckpoints() {
        for (String type : new String[] {TYPE_CHECKPOINT, TYPE_SNAPSHOT_RANGE}) {
            for (Row r : rows.range(StatusRows.pk(streamId, type, ""), StatusRows.pk(streamId, type, StatusKeys.AFTER_ALL_SHARDS),
                    Direction.FORWARD, Integer.MAX_VALUE)) {
                rows.delete(r.getPrimaryKey());
            }
        }
    }

    // ---- snapshot of `sync --snapshot` ----

    /** Where this job's table copy stands. */
    public enum SnapshotPhase { PLANNING, COPYING, DONE }

    /** The snapshot row: phase, when it started, when the stream positions were recorded, ranges, and (once done) when and how many rows. */
    public record SnapshotState(SnapshotPhase phase, long startedAtMillis, long positionsAtMillis, int ranges,
                                long finishedAtMillis, long rows) {
    }

    /** The snapshot row of this job, or null when it never ran one. */
    public SnapshotState snapshotState() {
        Row r = rows.get(StatusRows.pk(streamId, TYPE_SNAPSHOT, SNAPSHOT_VALUE));
        if (r == null || StatusRows.str(r, COL_PHASE) == null) {
            return null;
        }
        return new SnapshotState(SnapshotPhase.valueOf(StatusRows.str(r, COL_PHASE)), StatusRows.lng(r, COL_STARTED_AT),
                StatusRows.lng(r, COL_POSITIONS_AT), (int) StatusRows.lng(r, COL_RANGES), StatusRows.lng(r, COL_FINISHED_AT),
                StatusRows.lng(r, COL_ROWS));
    }

    public void writeSnapshotState(SnapshotState s) {
        RowPutChange c = new RowPutChange(rows.table(), StatusRows.pk(streamId, TYPE_SNAPSHOT, SNAPSHOT_VALUE));
        c.addColumn(COL_PHASE, ColumnValue.fromString(s.phase().name()));
        c.addColumn(COL_STARTED_AT, ColumnValue.fromLong(s.startedAtMillis()));
        c.addColumn(COL_POSITIONS_AT, ColumnValue.fromLong(s.positionsAtMillis()));
        c.addColumn(COL_RANGES, ColumnValue.fromLong(s.ranges()));
        c.addColumn(COL_FINISHED_AT, ColumnValue.fromLong(s.finishedAtMillis()));
        c.addColumn(COL_ROWS, ColumnValue.fromLong(s.rows()));
        rows.put(c, "recording the snapshot's state");
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
