package io.tablesync.plugin.tablestore.stream;

import com.alicloud.openservices.tablestore.SyncClient;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitFetch;
import io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode;
import io.tablesync.plugin.tablestore.checkpoint.CheckpointRow;
import io.tablesync.plugin.tablestore.checkpoint.StatusTable;
import io.tablesync.plugin.tablestore.source.ShardSplitReader;
import io.tablesync.plugin.tablestore.source.ShardState;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads one shard for one window {@code [start, end)} (through the same {@link ShardSplitReader}
 * every runner uses) and writes the shard's checkpoint at {@code end}: the position of the first
 * record at or after {@code end}, the iterator where the shard ran dry, or SHARD_END when a
 * split/merge closed it. The checkpoint is written only after the writer acknowledged every record
 * sent from the shard, so a crash can never leave a checkpoint past data that did not reach the sink.
 */
public final class ShardReader {
    /** Shard-time checkpoints are written at most this often per shard (DataX's spacing). */
    static final long SHARD_TIME_CHECKPOINT_SPACING_MILLIS = 10 * 60 * 1000L;

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
        long endMs = ctx.window().endMillis();
        String state = start.seekToStart() ? ShardState.at(ctx.window().startMillis()) : start.checkpoint();
        ShardSplitReader.Settings settings = new ShardSplitReader.Settings(ctx.streamId(), ctx.tableName(),
                ctx.tableGroupSupport(), start.skipBeforeStart() ? ctx.window().startMillis() : -1, endMs,
                TimeWindow.afterOffsetMillis(), ctx.streamRecordLimit());
        ShardSplitReader reader = new ShardSplitReader(client, settings, new SourceSplit(shardId, List.of(), state), mapper,
                (shard, cause, r) -> {
                    throw trimmed(cause);
                }, System::currentTimeMillis);
        long sent = 0;
        long lastShardTimeCheckpoint = Long.MIN_VALUE / 2;
        while (true) {
            if (stop.getAsBoolean()) {
                return Outcome.STOPPED;
            }
            SplitFetch page = reader.fetch();
            long first = reader.lastPageFirstMillis();
            if (first >= 0 && first >= lastShardTimeCheckpoint + SHARD_TIME_CHECKPOINT_SPACING_MILLIS) {
                // The iterator of this page precedes every record at or after `first`: a safe
                // place to resume a later window that cannot find exact checkpoints.
                statusTable.writeShardTimeCheckpoint(ctx.streamId(), shardId, first, reader.lastPageIterator());
                lastShardTimeCheckpoint = first;
            }
            sender.send(page.records());
            sent += page.records().size();
            if (page.finished()) {
                String checkpoint = page.end().state();
                if (page.idle()) {
                    statusTable.writeShardTimeCheckpoint(ctx.streamId(), shardId, endMs, checkpoint);
                }
                return finish(checkpoint, sent);
            }
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

    private TablesyncException trimmed(RuntimeException cause) {
        long earliest = System.currentTimeMillis() - ctx.expirationHours() * TimeWindow.HOUR_MILLIS
                + TimeWindow.beforeOffsetMillis();
        return OtsStreamReaderErrorCode.userError("Requested stream data is already trimmed or does not exist"
                + " (OTSTrimmedDataAccess) while reading shard " + shardId + ": the position this window resumes from"
                + " is older than the stream keeps (" + ctx.expirationHours() + " h). Changes between that position and"
                + " now are lost to incremental sync: run a full export of table " + ctx.tableName()
                + ", then sync windows starting at or after " + TimeWindow.iso(earliest) + "(" + earliest + ").", cause);
    }
}
