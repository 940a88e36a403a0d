package io.tablesync.plugin.tablestore.stream;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.GetShardIteratorRequest;
import com.alicloud.openservices.tablestore.model.GetShardIteratorResponse;
import com.alicloud.openservices.tablestore.model.GetStreamRecordRequest;
import com.alicloud.openservices.tablestore.model.GetStreamRecordResponse;
import com.alicloud.openservices.tablestore.model.StreamRecord;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.element.Record;
import io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode;
import io.tablesync.plugin.tablestore.checkpoint.CheckpointRow;
import io.tablesync.plugin.tablestore.checkpoint.StatusTable;
import io.tablesync.plugin.tablestore.client.OtsErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads one shard for one window {@code [start, end)} and writes the shard's checkpoint at
 * {@code end}: the position of the first record at or after {@code end}, the iterator where the
 * shard ran dry, or SHARD_END when a split/merge closed it. The checkpoint is written only after
 * the writer acknowledged every record sent from the shard, so a crash can never leave a
 * checkpoint past data that did not reach the sink.
 */
public final class ShardReader {
    /** Shard-time checkpoints are written at most this often per shard (DataX's spacing). */
    static final long SHARD_TIME_CHECKPOINT_SPACING_MILLIS = 10 * 60 * 1000L;
    static final long SEEK_BACK_MILLIS = 10 * 60 * 1000L;

    /** How the read ended. */
    public enum Outcome { CHECKPOINTED, STOPPED }

    private final SyncClient client;
    private final StatusTable statusTable;
    private final StreamContext ctx;
    private final String shardId;
    private final ShardStart start;
    private final RecordMapper mapper;
    private final SharedSender sender;
    private final BooleanSupplier stop;

    ShardReader(SyncClient client, StatusTable statusTable, StreamContext ctx, String shardId, ShardStart start,
                RecordMapper mapper, SharedSender sender, BooleanSupplier stop) {
        this.client = client;
        this.statusTable = statusTable;
        this.ctx = ctx;
        this.shardId = shardId;
        this.start = start;
        this.mapper = mapper;
        this.sender = sender;
        this.stop = stop;
    }

    public Outcome read() throws InterruptedException {
        long startMs = ctx.window().startMillis();
        long endMs = ctx.window().endMillis();
        String iterator = initialIterator();
        boolean skipping = start.skipBeforeStart();
        long sequence = 0;
        long sent = 0;
        long lastShardTimeCheckpoint = Long.MIN_VALUE / 2;
        while (true) {
            if (stop.getAsBoolean()) {
                return Outcome.STOPPED;
            }
            GetStreamRecordResponse page = fetch(iterator, null);
            List<StreamRecord> records = page.getRecords();
            if (!records.isEmpty()) {
                long first = millis(records.get(0));
                if (first >= lastShardTimeCheckpoint + SHARD_TIME_CHECKPOINT_SPACING_MILLIS) {
                    // The iterator of this page precedes every record at or after `first`: a safe
                    // place to resume a later window that cannot find exact checkpoints.
                    statusTable.writeShardTimeCheckpoint(ctx.streamId(), shardId, first, iterator);
                    lastShardTimeCheckpoint = first;
                }
            }
            List<Record> batch = new ArrayList<>();
            int endIndex = -1;
            for (int i = 0; i < records.size(); i++) {
                StreamRecord r = records.get(i);
                long ts = millis(r);
                if (skipping && ts < startMs) {
                    continue;
                }
                skipping = false;
                if (ts >= endMs) {
                    endIndex = i;
                    break;
                }
                for (Record rec : mapper.map(r, shardId)) {
                    rec.setPosition(new ShardPosition(shardId, ++sequence));
                    batch.add(rec);
                }
            }
            sender.send(batch);
            sent += batch.size();
            if (endIndex >= 0) {
                String at = endIndex == 0 ? iterator : fetch(iterator, endIndex).getNextShardIterator();
                return finish(at, sent);
            }
            String next = page.getNextShardIterator();
            if (next == null) {
                return finish(CheckpointRow.SHARD_END, sent);
            }
            if (records.isEmpty()) {
                statusTable.writeShardTimeCheckpoint(ctx.streamId(), shardId, endMs, next);
                return finish(next, sent);
            }
            iterator = next;
        }
    }

    private Outcome finish(String checkpoint, long sent) throws InterruptedException {
        if (!sender.awaitAcknowledged(shardId, stop)) {
            return Outcome.STOPPED;
        }
        statusTable.writeCheckpoint(ctx.streamId(), ctx.window().endMillis(),
                new CheckpointRow(shardId, checkpoint, ctx.version(), 0, sent));
        return Outcome.CHECKPOINTED;
    }

    private String initialIterator() {
        if (!start.checkpoint().equals(CheckpointRow.TRIM_HORIZON)) {
            return start.checkpoint();
        }
        GetShardIteratorRequest req = new GetShardIteratorRequest(ctx.streamId(), shardId);
        if (start.seekToStart()) {
            req.setTimestamp((ctx.window().startMillis() - SEEK_BACK_MILLIS) * 1000);
        }
        try {
            while (true) {
                GetShardIteratorResponse r = client.getShardIterator(req);
                if (r.getNextToken() == null) {
                    return r.getShardIterator();
                }
                req.setToken(r.getNextToken());
            }
        } catch (RuntimeException e) {
            throw translate(e, "getting an iterator for shard " + shardId);
        }
    }

    private GetStreamRecordResponse fetch(String iterator, Integer limit) {
        GetStreamRecordRequest req = new GetStreamRecordRequest(iterator);
        if (limit != null) {
            req.setLimit(limit);
        }
        if (ctx.tableGroupSupport()) {
            req.setTableName(ctx.tableName());
        }
        try {
            return client.getStreamRecord(req);
        } catch (RuntimeException e) {
            throw translate(e, "reading shard " + shardId);
        }
    }

    private TablesyncException translate(RuntimeException e, String what) {
        if (e instanceof TableStoreException tse && "OTSTrimmedDataAccess".equals(tse.getErrorCode())) {
            long earliest = System.currentTimeMillis() - ctx.expirationHours() * TimeWindow.HOUR_MILLIS
                    + TimeWindow.offset(TimeWindow.BEFORE_OFFSET_PROPERTY, TimeWindow.DEFAULT_BEFORE_OFFSET_MILLIS);
            return OtsStreamReaderErrorCode.userError("Requested stream data is already trimmed or does not exist"
                    + " (OTSTrimmedDataAccess) while " + what + ": the position this window resumes from is older than"
                    + " the stream keeps (" + ctx.expirationHours() + " h). Changes between that position and now"
                    + " are lost to incremental sync: run a full export of table " + ctx.tableName()
                    + ", then sync windows starting at or after " + TimeWindow.iso(earliest) + "(" + earliest + ").", e);
        }
        return OtsErrors.translate(e, what);
    }

    private static long millis(StreamRecord r) {
        return r.getSequenceInfo().getTimestamp() / 1000;
    }
}
