package io.tablesync.plugin.tablestore.checkpoint;

import static io.tablesync.plugin.tablestore.checkpoint.StatusKeys.*;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.DescribeTableRequest;
import com.alicloud.openservices.tablestore.model.Direction;
import com.alicloud.openservices.tablestore.model.GetRowRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.ReservedThroughput;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode;
import io.tablesync.plugin.tablestore.client.OtsErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DataX's checkpoint table (research/datax.md §3.6): same primary key, same row keys and columns,
 * so a window run by DataX can be continued by tablesync and the other way round.
 */
public final class StatusTable {
    static final int TTL_SECONDS = 30 * 24 * 3600;
    private static final long READY_TIMEOUT_MILLIS = 120_000;

    private final SyncClient client;
    private final String table;
    private final StatusRows rows;

    public StatusTable(SyncClient client, String table) {
        this.client = client;
        this.table = table;
        this.rows = new StatusRows(client, table);
    }

    /** The rows a continuous {@code sync} keeps in this table for the stream (never DataX's). */
    public SyncStatus syncStatus(String streamId) {
        return new SyncStatus(rows, streamId);
    }

    public String name() {
        return table;
    }

    /** Creates the table if missing (and waits until it answers); rejects a table with another key. */
    public void checkOrCreate() {
        TableMeta meta = describe();
        if (meta == null) {
            TableMeta m = new TableMeta(table);
            m.addPrimaryKeyColumn(PK_STREAM_ID, PrimaryKeyType.STRING);
            m.addPrimaryKeyColumn(PK_STATUS_TYPE, PrimaryKeyType.STRING);
            m.addPrimaryKeyColumn(PK_STATUS_VALUE, PrimaryKeyType.STRING);
            TableOptions options = new TableOptions(TTL_SECONDS, 1);
            try {
                client.createTable(new CreateTableRequest(m, options, new ReservedThroughput(0, 0)));
            } catch (TableStoreException e) {
                if (!"OTSObjectAlreadyExist".equals(e.getErrorCode())) { // another job created it meanwhile
                    throw OtsErrors.translate(e, "creating status table " + table);
                }
            }
            waitUntilReady();
            meta = describe();
        }
        if (meta == null || !hasExpectedKey(meta)) {
            throw OtsStreamReaderErrorCode.userError("Unexpected table meta in status table, please check your config."
                    + " (status table " + table + " must have the primary key StreamId STRING, StatusType STRING,"
                    + " StatusValue STRING, in that order; it has " + describeKey(meta) + ")");
        }
    }

    /**
     * Why {@link #checkOrCreate()} would fail, read only ({@code tablesync check}): null when the table exists
     * with the expected key or does not exist (then it is created on the first start), else what is wrong.
     */
    public String unusableReason() {
        TableMeta meta = describe();
        if (meta == null || hasExpectedKey(meta)) {
            return null;
        }
        return "its primary key is " + describeKey(meta) + ", not StreamId STRING, StatusType STRING, StatusValue STRING";
    }

    /** Whether the table exists (nothing is created). */
    public boolean exists() {
        return describe() != null;
    }

    private TableMeta describe() {
        try {
            return client.describeTable(new DescribeTableRequest(table)).getTableMeta();
        } catch (TableStoreException e) {
            if ("OTSObjectNotExist".equals(e.getErrorCode())) {
                return null;
            }
            throw OtsErrors.translate(e, "describing status table " + table);
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, "describing status table " + table);
        }
    }

    private void waitUntilReady() {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        while (true) {
            try {
                client.getRow(new GetRowRequest(rows.criteria(StatusRows.pk("", "", ""))));
                return;
            } catch (RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw OtsErrors.translate(e, "waiting for status table " + table + " to become ready");
                }
                sleep(500);
            }
        }
    }

    private static boolean hasExpectedKey(TableMeta meta) {
        List<PrimaryKeySchema> pk = meta.getPrimaryKeyList();
        return pk.size() == 3
                && pk.get(0).getName().equals(PK_STREAM_ID) && pk.get(0).getType() == PrimaryKeyType.STRING
                && pk.get(1).getName().equals(PK_STATUS_TYPE) && pk.get(1).getType() == PrimaryKeyType.STRING
                && pk.get(2).getName().equals(PK_STATUS_VALUE) && pk.get(2).getType() == PrimaryKeyType.STRING;
    }

    private static String describeKey(TableMeta meta) {
        if (meta == null) {
            return "no description";
        }
        List<String> parts = new ArrayList<>();
        for (PrimaryKeySchema s : meta.getPrimaryKeyList()) {
            parts.add(s.getName() + " " + s.getType());
        }
        return String.join(", ", parts);
    }

    // ---- shard checkpoints at a job's end time ----

    public void writeCheckpoint(String streamId, long endMillis, CheckpointRow row) {
        RowPutChange change = new RowPutChange(table, StatusRows.pk(streamId, TYPE_CHECKPOINT, checkpointValue(endMillis, row.shardId())));
        change.addColumn(COL_VERSION, ColumnValue.fromString(row.version()));
        change.addColumn(COL_CHECKPOINT, ColumnValue.fromString(row.checkpoint()));
        change.addColumn(COL_SKIP_COUNT, ColumnValue.fromLong(row.skipCount()));
        if (row.sendRecordCount() > 0) {
            change.addColumn(COL_SEND_RECORD_COUNT, ColumnValue.fromLong(row.sendRecordCount()));
        }
        rows.put(change, "writing the checkpoint of shard " + row.shardId());
    }

    /** All shard checkpoints stored for the time, by shard id. */
    public Map<String, CheckpointRow> readCheckpoints(String streamId, long millis) {
        Map<String, CheckpointRow> out = new LinkedHashMap<>();
        String prefix = time(millis) + SEPARATOR;
        for (Row r : rows.range(StatusRows.pk(streamId, TYPE_CHECKPOINT, prefix), StatusRows.pk(streamId, TYPE_CHECKPOINT, prefix + AFTER_ALL_SHARDS),
                Direction.FORWARD, Integer.MAX_VALUE)) {
            String value = StatusRows.statusValue(r);
            String shardId = value.substring(prefix.length());
            out.put(shardId, new CheckpointRow(shardId, StatusRows.str(r, COL_CHECKPOINT), StatusRows.str(r, COL_VERSION),
                    StatusRows.lng(r, COL_SKIP_COUNT), StatusRows.lng(r, COL_SEND_RECORD_COUNT)));
        }
        return out;
    }

    /** DataX's old format stored only a shard count at {@code %16d(time)}; -1 when there is none. */
    public long readLegacyShardCount(String streamId, long millis) {
        Row r = rows.get(StatusRows.pk(streamId, TYPE_CHECKPOINT, time(millis)));
        return r == null || r.getLatestColumn(COL_SHARD_COUNT) == null ? -1 : StatusRows.lng(r, COL_SHARD_COUNT);
    }

    /** A re-run of a window starts clean: everything a previous run wrote at this end time goes. */
    public void deleteCheckpoints(String streamId, long endMillis) {
        for (String shardId : readCheckpoints(streamId, endMillis).keySet()) {
            rows.delete(StatusRows.pk(streamId, TYPE_CHECKPOINT, checkpointValue(endMillis, shardId)));
        }
    }

    // ---- job description ----

    public void writeJobDescription(JobDescription d) {
        RowPutChange change = new RowPutChange(table, StatusRows.pk(d.streamId(), TYPE_JOB_DESC, time(d.endTime())));
        List<byte[]> chunks = ShardIdsCodec.encode(d.shardIds());
        for (int i = 0; i < chunks.size(); i++) {
            change.addColumn(COL_SHARD_IDS_PREFIX + i, ColumnValue.fromBinary(chunks.get(i)));
        }
        change.addColumn(COL_VERSION, ColumnValue.fromString(d.version()));
        change.addColumn(COL_TABLE_NAME, ColumnValue.fromString(d.tableName()));
        change.addColumn(COL_JOB_STREAM_ID, ColumnValue.fromString(d.streamId()));
        change.addColumn(COL_START_TIME, ColumnValue.fromLong(d.startTime()));
        change.addColumn(COL_END_TIME, ColumnValue.fromLong(d.endTime()));
        rows.put(change, "writing the job description");
    }

    /** End times of the newest job descriptions of the stream, newest first, at most {@code limit}. */
    public List<Long> latestJobEnds(String streamId, int limit) {
        List<Long> out = new ArrayList<>();
        for (Row r : rows.range(StatusRows.pk(streamId, TYPE_JOB_DESC, AFTER_ALL_SHARDS), StatusRows.pk(streamId, TYPE_JOB_DESC, ""),
                Direction.BACKWARD, limit)) {
            out.add(Long.parseLong(StatusRows.statusValue(r).trim()));
        }
        return out;
    }

    /** The description written by the job whose end time was {@code endMillis}, or null. */
    public JobDescription readJobDescription(String streamId, long endMillis) {
        Row r = rows.get(StatusRows.pk(streamId, TYPE_JOB_DESC, time(endMillis)));
        if (r == null) {
            return null;
        }
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; r.getLatestColumn(COL_SHARD_IDS_PREFIX + i) != null; i++) {
            chunks.add(r.getLatestColumn(COL_SHARD_IDS_PREFIX + i).getValue().asBinary());
        }
        return new JobDescription(StatusRows.str(r, COL_JOB_STREAM_ID), StatusRows.str(r, COL_VERSION), StatusRows.str(r, COL_TABLE_NAME),
                StatusRows.lng(r, COL_START_TIME), StatusRows.lng(r, COL_END_TIME), ShardIdsCodec.decode(chunks));
    }

    // ---- shard-time checkpoints ----

    public void writeShardTimeCheckpoint(String streamId, String shardId, long millis, String iterator) {
        RowPutChange change = new RowPutChange(table, StatusRows.pk(streamId, TYPE_SHARD_TIME, shardTimeValue(shardId, millis)));
        change.addColumn(COL_CHECKPOINT, ColumnValue.fromString(iterator));
        rows.put(change, "writing a shard-time checkpoint of shard " + shardId);
    }

    /** The iterator of the latest shard-time checkpoint with time in {@code (fromExclusive, toInclusive]}, or null. */
    public String findShardTimeCheckpoint(String streamId, String shardId, long fromExclusive, long toInclusive) {
        if (toInclusive <= fromExclusive) {
            return null;
        }
        List<Row> found = rows.range(StatusRows.pk(streamId, TYPE_SHARD_TIME, shardTimeValue(shardId, toInclusive + 1)),
                StatusRows.pk(streamId, TYPE_SHARD_TIME, shardTimeValue(shardId, fromExclusive)), Direction.BACKWARD, 1);
        return found.isEmpty() ? null : StatusRows.str(found.get(0), COL_CHECKPOINT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OtsStreamReaderErrorCode.userError("interrupted while waiting for status table");
        }
    }
}
