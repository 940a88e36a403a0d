package io.tablesync.plugin.tablestore.source;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.source.CheckpointStore;
import io.tablesync.core.source.LeaseStore;
import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitCheckpoint;
import io.tablesync.core.source.SplitEnumerator;
import io.tablesync.core.source.SplitReader;
import io.tablesync.core.source.StreamingOptions;
import io.tablesync.core.source.StreamingOptions.OnTrimmed;
import io.tablesync.core.source.StreamingSource;
import io.tablesync.core.source.WindowedSource;
import io.tablesync.core.spi.TaskPluginCollector;
import io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode;
import io.tablesync.plugin.tablestore.checkpoint.StatusTable;
import io.tablesync.plugin.tablestore.checkpoint.SyncStatus;
import io.tablesync.plugin.tablestore.client.OtsClients;
import io.tablesync.plugin.tablestore.client.OtsEndpoint;
import io.tablesync.plugin.tablestore.stream.RecordMapper;
import io.tablesync.plugin.tablestore.stream.RowExistence;
import io.tablesync.plugin.tablestore.stream.StreamReaderConfig;
import io.tablesync.plugin.tablestore.stream.StreamTopology;
import io.tablesync.plugin.tablestore.stream.TimeWindow;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * otsstreamreader's continuous side: the job's reader parameters, read as DataX reads them but
 * with optional window keys, opened as a {@link StreamingSource}. Checkpoints and the lease live in
 * the job's status table ({@link SyncStatus}), beside DataX's own rows.
 */
public final class OtsStreamingSource implements StreamingSource, WindowedSource {
    private static final Logger LOG = LoggerFactory.getLogger(OtsStreamingSource.class);
    public static final String IGNORED_DELETES_COUNTER = "otsstreamreader deletes dropped (deleteMode: ignore)";
    public static final String GAPS_COUNTER = "otsstreamreader shards with changes lost to stream retention";

    private final StreamReaderConfig config;
    private final StreamingOptions options;
    private final SyncClient client;
    private final StatusTable statusTable;
    private final SyncStatus syncStatus;
    private final String streamId;
    private final int expirationHours;
    private final LongSupplier clock;
    private final SnapshotPlanner snapshotPlanner;
    private io.tablesync.plugin.tablestore.table.TableReading tableReading;
    private io.tablesync.core.source.SnapshotProgress snapshot;

    private OtsStreamingSource(StreamReaderConfig config, StreamingOptions options, SyncClient client, LongSupplier clock) {
        this.config = config;
        this.options = options;
        this.client = client;
        this.clock = clock;
        this.expirationHours = StreamTopology.requireStream(client, config).getExpirationTime();
        this.streamId = StreamTopology.streamId(client, config.dataTable());
        this.statusTable = new StatusTable(client, config.statusTable());
        this.syncStatus = statusTable.syncStatus(streamId);
        this.snapshotPlanner = new SnapshotPlanner(client, syncStatus, streamId, config.dataTable(),
                config.enableTableGroupSupport(), expirationHours, clock);
    }

    /** Validates the parameters (every mistake named), connects, and checks that the table has a stream. Creates nothing. */
    public static OtsStreamingSource open(Configuration parameter, StreamingOptions options) {
        StreamReaderConfig config = StreamReaderConfig.loadContinuous(parameter);
        if (options.snapshot()) {
            io.tablesync.plugin.tablestore.table.OtsTableScan.streamLayout(config); // a copy needs the single-version layout
        }
        OtsEndpoint.probe(config.endpoint());
        SyncClient client = OtsClients.create(config, Math.min(config.threadNum(), 4));
        try {
            return new OtsStreamingSource(config, options, client, System::currentTimeMillis);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    @Override
    public String describe() {
        return "stream " + streamId + " of table " + config.dataTable() + " at " + config.endpoint()
                + " (status table " + config.statusTable() + ")";
    }

    @Override
    public boolean bounded() {
        return config.window().hasEnd();
    }

    /** DataX's {@code threadNum} caps how many shards are read at once (16 at most: reads are short, threads are not free). */
    @Override
    public int readerThreads() {
        return Math.min(config.threadNum(), 16);
    }

    @Override
    public void prepare() {
        statusTable.checkOrCreate();
        snapshot = snapshotPlanner.prepare(options.snapshot(), this::tableReading, Math.max(4, readerThreads()));
    }

    @Override
    public io.tablesync.core.source.SnapshotProgress snapshot() {
        return snapshot;
    }

    /** The data table in the job's layout, for the snapshot's ranges (its key schema is read once). */
    private synchronized io.tablesync.plugin.tablestore.table.TableReading tableReading() {
        if (tableReading == null) {
            tableReading = new io.tablesync.plugin.tablestore.table.TableReading(client, config.dataTable(),
                    io.tablesync.plugin.tablestore.reader.OtsReaderJob.schema(client, config.dataTable(), config.endpoint()),
                    io.tablesync.plugin.tablestore.table.OtsTableScan.streamLayout(config));
        }
        return tableReading;
    }

    @Override
    public CheckpointStore checkpoints() {
        return syncStatus;
    }

    @Override
    public LeaseStore leases() {
        return syncStatus;
    }

    /** The status table's sync rows (window mark, gaps) for this job's stream. */
    public SyncStatus syncStatus() {
        return syncStatus;
    }

    public int expirationHours() {
        return expirationHours;
    }

    /** The stream's expiration: a change older than this is trimmed. */
    @Override
    public long retentionMillis() {
        return expirationHours * TimeWindow.HOUR_MILLIS;
    }

    @Override
    public SplitEnumerator enumerator(Map<String, SplitCheckpoint> restored) {
        Map<String, SplitCheckpoint> shards = SnapshotPlanner.shards(restored);
        Function<String, String> firstStart = shards.isEmpty() ? firstStartRule() : shard -> ShardState.TRIM_HORIZON;
        ShardEnumerator stream = new ShardEnumerator(() -> StreamTopology.shards(client, streamId), shards, firstStart, this::lost);
        SyncStatus.SnapshotState s = syncStatus.snapshotState();
        if (s == null || s.phase() != SyncStatus.SnapshotPhase.COPYING) {
            return stream;
        }
        return new SnapshotEnumerator(SnapshotPlanner.ranges(restored), stream, snapshotPlanner::completed);
    }

    @Override
    public SplitReader reader(SourceSplit split, TaskPluginCollector collector) {
        if (SyncStatus.isRange(split.id())) {
            return tableReading().reader(split);
        }
        RecordMapper mapper = RecordMapper.of(config, () -> collector.incrementCounter(IGNORED_DELETES_COUNTER, 1),
                RowExistence.of(client, config.dataTable(), collector));
        ShardSplitReader.Settings settings = new ShardSplitReader.Settings(streamId, config.dataTable(),
                config.enableTableGroupSupport(), -1, config.window().endMillis(), TimeWindow.afterOffsetMillis(),
                config.streamRecordLimit());
        return new ShardSplitReader(client, settings, split, mapper, (shard, cause, reader) -> {
            if (options.onTrimmed() == OnTrimmed.FAIL) {
                throw trimmedError(shard, cause);
            }
            gap(shard, "its checkpoint pointed at trimmed stream data; reading resumed at the oldest retained change");
            collector.incrementCounter(GAPS_COUNTER, 1);
            return reader.shardIterator(null);
        }, clock);
    }

    /** A key range in key terms ({@code [uid="k00100", uid=MAX)}); a shard by its iterator's start. */
    @Override
    public String describeStart(SourceSplit split) {
        if (SyncStatus.isRange(split.id()) && !io.tablesync.plugin.tablestore.table.KeyRange.DONE.equals(split.state())) {
            return "key range " + io.tablesync.plugin.tablestore.table.KeyRange.decode(split.state()).describe();
        }
        return StreamingSource.super.describeStart(split);
    }

    /** Where each shard starts when the job has no checkpoint of its own yet. */
    private Function<String, String> firstStartRule() {
        StreamingOptions.StartAt from = options.from();
        if (from != null) {
            return switch (from.kind()) {
                case EARLIEST -> logged("--from earliest: every shard starts at its oldest retained change", shard -> ShardState.TRIM_HORIZON);
                case NOW -> atTime(clock.getAsLong(), "--from now");
                case TIME -> atTime(from.millis(), "--from " + from.millis());
            };
        }
        DataxHandoff.Window handoff = new DataxHandoff(statusTable, streamId).latestCompleteWindow();
        if (handoff != null) {
            LOG.info("otsstreamreader: no sync checkpoint yet: continuing exactly where that DataX window ended");
            return shard -> handoff.checkpoints().getOrDefault(shard, ShardState.TRIM_HORIZON);
        }
        if (config.window().hasStart()) {
            return atTime(config.window().startMillis(), TimeWindow.START_MILLIS + " " + config.window().startMillis());
        }
        return logged("no checkpoint, no --from and no start time in the job: every shard starts at its oldest"
                + " retained change (replaying them is safe: each change is applied in order)", shard -> ShardState.TRIM_HORIZON);
    }

    private Function<String, String> atTime(long millis, String why) {
        long earliest = clock.getAsLong() - expirationHours * TimeWindow.HOUR_MILLIS + TimeWindow.beforeOffsetMillis();
        if (millis < earliest) {
            String what = why + " (" + TimeWindow.iso(millis) + ") lies outside the stream's retention of " + expirationHours
                    + " h: changes before " + TimeWindow.iso(earliest) + " may already be trimmed";
            if (options.onTrimmed() == OnTrimmed.FAIL) {
                throw OtsStreamReaderErrorCode.userError(what + ". Start at a later time, or pass --from earliest (the"
                        + " oldest retained change), or --on-trimmed=skip.");
            }
            LOG.warn("{}; --on-trimmed=skip: starting every shard at its oldest retained change", what);
            return shard -> ShardState.TRIM_HORIZON;
        }
        return logged(why + ": every shard starts at " + TimeWindow.iso(millis), shard -> ShardState.at(millis));
    }

    private static Function<String, String> logged(String message, Function<String, String> rule) {
        LOG.info("otsstreamreader: {}", message);
        return rule;
    }

    /** A stored, unfinished shard the stream no longer lists: its unread changes expired. */
    private void lost(SplitCheckpoint cp) {
        if (options.onTrimmed() == OnTrimmed.FAIL) {
            throw OtsStreamReaderErrorCode.userError("Shard " + cp.splitId() + " was not read to its end and the stream no"
                    + " longer lists it: its changes after the checkpoint of " + TimeWindow.iso(cp.committedAtMillis())
                    + " expired (stream retention " + expirationHours + " h). They are missing from the index. Re-copy"
                    + " table " + config.dataTable() + " (e.g. a DataX otsreader job), then restart with"
                    + " --on-trimmed=skip to go on without that shard.");
        }
        gap(cp.splitId(), "the shard expired before it was read to its end");
    }

    private void gap(String shard, String detail) {
        LOG.warn("!!! otsstreamreader: GAP in shard {} of table {}: {}. Changes in between are missing from the sink;"
                + " re-copy the table to repair it.", shard, config.dataTable(), detail);
        syncStatus.recordGap(shard, clock.getAsLong(), detail);
    }

    private TablesyncException trimmedError(String shard, TableStoreException cause) {
        return OtsStreamReaderErrorCode.userError("Requested stream data is already trimmed or does not exist"
                + " (OTSTrimmedDataAccess) for shard " + shard + " of table " + config.dataTable() + ": the checkpoint is"
                + " older than the stream keeps (" + expirationHours + " h) — the process was stopped for longer than that."
                + " Changes of this shard between the checkpoint and the oldest retained change are lost to the index."
                + " Re-copy the table (e.g. a DataX otsreader job) and restart, or restart with --on-trimmed=skip to"
                + " continue from the oldest retained change (the gap is logged and counted).", cause);
    }

    // ---- windows (sync --every) ----

    @Override
    public WindowedSource windows() {
        return this;
    }

    @Override
    public OptionalLong lastWindowEnd() {
        return syncStatus.lastWindowEnd();
    }

    @Override
    public void windowFinished(long endMillis, long intervalMillis) {
        syncStatus.writeWindowEnd(endMillis, intervalMillis);
    }

    @Override
    public OptionalLong lastDataxWindowEnd() {
        DataxHandoff.Window w = new DataxHandoff(statusTable, streamId).latestCompleteWindow();
        return w == null ? OptionalLong.empty() : OptionalLong.of(w.endMillis());
    }

    @Override
    public OptionalLong configuredStart() {
        return config.window().hasStart() ? OptionalLong.of(config.window().startMillis()) : OptionalLong.empty();
    }

    @Override
    public long safetyMarginMillis() {
        return TimeWindow.afterOffsetMillis();
    }

    @Override
    public long earliestStart(long nowMillis) {
        return nowMillis - expirationHours * TimeWindow.HOUR_MILLIS + TimeWindow.beforeOffsetMillis();
    }

    @Override
    public void setWindow(Configuration readerParameter, long startMillis, long endMillis) {
        for (String key : new String[] {TimeWindow.DATE, TimeWindow.START_STRING, TimeWindow.END_STRING}) {
            readerParameter.remove(key);
        }
        readerParameter.set(TimeWindow.START_MILLIS, startMillis);
        readerParameter.set(TimeWindow.END_MILLIS, endMillis);
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
