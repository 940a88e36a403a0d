package io.tablesync.dist;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.Direction;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetRangeResponse;
import com.alicloud.openservices.tablestore.model.GetShardIteratorRequest;
import com.alicloud.openservices.tablestore.model.GetStreamRecordRequest;
import com.alicloud.openservices.tablestore.model.GetStreamRecordResponse;
import com.alicloud.openservices.tablestore.model.ListStreamRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.StreamRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much a restart reads again: for every shard, the stream records between the checkpoint the
 * killed process had committed (read from the status table, as the next process will) and the moment
 * of the kill. The next process reads exactly these again before it reaches anything new; the killed
 * one had read at most these past its checkpoint.
 */
final class ReplayMeter {
    private ReplayMeter() {
    }

    /** Records the restart reads again, or -1 when the killed process had not committed any checkpoint yet. */
    static long reReadAfterKill(SyncClient client, String table, String statusTable, long killMillis) {
        String streamId = client.listStream(new ListStreamRequest(table)).getStreams().get(0).getStreamId();
        Map<String, String> checkpoints;
        try {
            checkpoints = checkpoints(client, statusTable, streamId);
        } catch (TableStoreException e) {
            if ("OTSObjectNotExist".equals(e.getErrorCode())) {
                return -1; // killed before it created its status table
            }
            throw e;
        }
        if (checkpoints.isEmpty()) {
            return -1;
        }
        long total = 0;
        for (Map.Entry<String, String> cp : checkpoints.entrySet()) {
            total += recordsUntil(client, streamId, cp.getKey(), cp.getValue(), killMillis);
        }
        return total;
    }

    /** The sync checkpoints (shard → state) of the stream, as {@code sync} stores them. */
    static Map<String, String> checkpoints(SyncClient client, String statusTable, String streamId) {
        Map<String, String> out = new LinkedHashMap<>();
        checkpointRows(client, statusTable, streamId)
                .forEach((shard, row) -> out.put(shard, row.getLatestColumn("Checkpoint").getValue().asString()));
        return out;
    }

    /** The stream's {@code TablesyncShardCheckpoint} rows by shard, as {@code sync} stores them. */
    static Map<String, Row> checkpointRows(SyncClient client, String statusTable, String streamId) {
        Map<String, Row> out = new LinkedHashMap<>();
        RangeRowQueryCriteria c = new RangeRowQueryCriteria(statusTable);
        c.setInclusiveStartPrimaryKey(key(streamId, ""));
        c.setExclusiveEndPrimaryKey(key(streamId, "\u007f"));
        c.setDirection(Direction.FORWARD);
        c.setMaxVersions(1);
        GetRangeResponse r = client.getRange(new GetRangeRequest(c));
        for (Row row : r.getRows()) {
            out.put(row.getPrimaryKey().getPrimaryKeyColumn("StatusValue").getValue().asString(), row);
        }
        return out;
    }

    private static PrimaryKey key(String streamId, String value) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("StreamId", PrimaryKeyValue.fromString(streamId))
                .addPrimaryKeyColumn("StatusType", PrimaryKeyValue.fromString("TablesyncShardCheckpoint"))
                .addPrimaryKeyColumn("StatusValue", PrimaryKeyValue.fromString(value))
                .build();
    }

    private static long recordsUntil(SyncClient client, String streamId, String shard, String state, long untilMillis) {
        if (state.equals("SHARD_END")) {
            return 0;
        }
        String iterator = state;
        long from = Long.MIN_VALUE;
        if (state.equals("TRIM_HORIZON") || state.startsWith("AT:")) {
            iterator = client.getShardIterator(new GetShardIteratorRequest(streamId, shard)).getShardIterator();
            from = state.startsWith("AT:") ? Long.parseLong(state.substring(3)) : from;
        }
        long n = 0;
        while (iterator != null) {
            GetStreamRecordResponse page = client.getStreamRecord(new GetStreamRecordRequest(iterator));
            if (page.getRecords().isEmpty()) {
                return n;
            }
            for (StreamRecord r : page.getRecords()) {
                long ms = r.getSequenceInfo().getTimestamp() / 1000;
                if (ms > untilMillis) {
                    return n;
                }
                if (ms >= from) {
                    n++;
                }
            }
            iterator = page.getNextShardIterator();
        }
        return n;
    }
}
