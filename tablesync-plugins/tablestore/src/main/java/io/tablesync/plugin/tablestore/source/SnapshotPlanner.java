package io.tablesync.plugin.tablestore.source;

import com.alicloud.openservices.tablestore.SyncClient;
import io.tablesync.core.source.SnapshotProgress;
import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitCheckpoint;
import io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode;
import io.tablesync.plugin.tablestore.checkpoint.SyncStatus;
import io.tablesync.plugin.tablestore.checkpoint.SyncStatus.SnapshotPhase;
import io.tablesync.plugin.tablestore.checkpoint.SyncStatus.SnapshotState;
import io.tablesync.plugin.tablestore.stream.StreamTopology;
import io.tablesync.plugin.tablestore.stream.TimeWindow;
import io.tablesync.plugin.tablestore.table.KeyRange;
import io.tablesync.plugin.tablestore.table.TableReading;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts or resumes the table copy of {@code sync --snapshot}, in the status table:
 * <ol>
 *   <li>the snapshot row says PLANNING (a crash from here to step 4 plans again from scratch);</li>
 *   <li>every shard's current position is recorded as its checkpoint (old shard checkpoints and ranges
 *       are dropped first): the stream is read from there once the copy is done, so every change made
 *       after this moment reaches the index after the copy, and none is lost at the seam;</li>
 *   <li>the table is cut into key ranges, each stored as a split checkpoint at its start;</li>
 *   <li>the snapshot row says COPYING.</li>
 * </ol>
 * A later run resumes a COPYING snapshot: finished ranges are not copied again, unfinished ones go on
 * from their checkpoints. Once every range is finished the enumerator marks the snapshot DONE.
 */
final class SnapshotPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPlanner.class);

    private final SyncClient client;
    private final SyncStatus status;
    private final String streamId;
    private final String table;
    private final boolean tableGroup;
    private final long retentionMillis;
    private final LongSupplier clock;

    SnapshotPlanner(SyncClient client, SyncStatus status, String streamId, String table, boolean tableGroup,
                    int expirationHours, LongSupplier clock) {
        this.client = client;
        this.status = status;
        this.streamId = streamId;
        this.table = table;
        this.tableGroup = tableGroup;
        this.retentionMillis = expirationHours * TimeWindow.HOUR_MILLIS;
        this.clock = clock;
    }

    /**
     * The snapshot this run copies, or null when there is none to copy.
     *
     * @param requested {@code --snapshot} was given (an unfinished snapshot is resumed without it too)
     * @param reading   the table in the job's layout; asked only when a copy is planned
     */
    SnapshotProgress prepare(boolean requested, java.util.function.Supplier<TableReading> reading, int wantedRanges) {
        SnapshotState s = status.snapshotState();
        if (s != null && s.phase() == SnapshotPhase.DONE) {
            if (requested) {
                LOG.info("snapshot: table {} was copied completely at {} ({} rows); continuing the stream from its"
                        + " checkpoints (`tablesync verify` compares the index with the table, --repair fixes it)", table,
                        TimeWindow.iso(s.finishedAtMillis()), s.rows());
            }
            return null;
        }
        if (s == null && !requested) {
            return null;
        }
        if (s != null && s.phase() == SnapshotPhase.COPYING) {
            long now = clock.getAsLong();
            if (now >= s.positionsAtMillis() + retentionMillis) {
                LOG.warn("snapshot: the stream positions recorded at {} are older than the stream's retention ({} h): changes"
                        + " after them may be gone, so the copy starts over with new positions (nothing is lost: the new copy"
                        + " reads every row again)", TimeWindow.iso(s.positionsAtMillis()), retentionMillis / TimeWindow.HOUR_MILLIS);
                return plan(reading.get(), wantedRanges);
            }
            return resume(s, reading.get());
        }
        if (!requested) {
            LOG.info("snapshot: an unfinished snapshot plan of table {} is started over", table);
        }
        return plan(reading.get(), wantedRanges);
    }

    private SnapshotProgress resume(SnapshotState s, TableReading reading) {
        Map<String, SplitCheckpoint> ranges = ranges(status.load());
        List<String> finished = ranges.values().stream().filter(SplitCheckpoint::finished).map(SplitCheckpoint::splitId).toList();
        Map<String, Long> rows = new LinkedHashMap<>();
        ranges.values().forEach(cp -> rows.put(cp.splitId(), cp.records()));
        long copied = rows.values().stream().mapToLong(Long::longValue).sum();
        LOG.info("snapshot: resuming the copy of table {} started at {}: {} of {} ranges finished are not copied"
                + " again ({} rows copied so far); finished: {}", table, TimeWindow.iso(s.startedAtMillis()), finished.size(), ranges.size(), copied,
                finished);
        Map<String, String> labels = new LinkedHashMap<>();
        for (SplitCheckpoint cp : ranges.values()) {
            if (cp.finished()) {
                labels.put(cp.splitId(), cp.splitId() + " (finished)");
                LOG.info("snapshot: range {} finished before ({} rows): not copied again", cp.splitId(), cp.records());
            } else {
                KeyRange left = KeyRange.decode(cp.state());
                labels.put(cp.splitId(), cp.splitId() + " " + left.describe());
                LOG.info("snapshot: range {} resumes at {} ({} rows copied before)", cp.splitId(), left.describe(), cp.records());
            }
        }
        return new SnapshotProgress(List.copyOf(ranges.keySet()), rows, finished, s.positionsAtMillis(), retentionMillis,
                estimatedBytes(reading), labels);
    }

    /** The table's size for progress and the retention check; -1 when the service cannot say (never fatal). */
    private long estimatedBytes(TableReading reading) {
        try {
            return reading.planner().estimatedBytes();
        } catch (RuntimeException e) {
            LOG.warn("snapshot: the size of table {} could not be estimated ({}); progress shows no ETA", table, e.getMessage());
            return -1;
        }
    }

    private SnapshotProgress plan(TableReading reading, int wantedRanges) {
        long started = clock.getAsLong();
        status.writeSnapshotState(new SnapshotState(SnapshotPhase.PLANNING, started, 0, 0, 0, 0));
        status.deleteSplitCheckpoints();
        long positionsAt = clock.getAsLong();
        Map<String, String> heads = HeadPositions.of(client, streamId, StreamTopology.shards(client, streamId).keySet(), table,
                tableGroup, clock);
        List<SplitCheckpoint> checkpoints = new ArrayList<>();
        heads.forEach((shard, state) -> checkpoints.add(new SplitCheckpoint(shard, state, ShardState.SHARD_END.equals(state),
                -1, positionsAt, 0)));
        status.save(checkpoints);
        List<SourceSplit> ranges = reading.splits(reading.planner().wholeTable(), wantedRanges, SyncStatus.RANGE_PREFIX);
        List<SplitCheckpoint> rangeRows = new ArrayList<>();
        for (SourceSplit r : ranges) {
            rangeRows.add(new SplitCheckpoint(r.id(), r.state(), false, -1, clock.getAsLong(), 0));
        }
        status.save(rangeRows);
        Map<String, String> labels = new LinkedHashMap<>();
        for (SourceSplit r : ranges) {
            String keys = KeyRange.decode(r.state()).describe();
            labels.put(r.id(), r.id() + " " + keys);
            LOG.info("snapshot: range {} covers {}", r.id(), keys);
        }
        long bytes = estimatedBytes(reading);
        status.writeSnapshotState(new SnapshotState(SnapshotPhase.COPYING, started, positionsAt, ranges.size(), 0, 0));
        LOG.info("snapshot: recorded the stream positions of {} shard(s) at {}; copying table {} in {} key range(s); the"
                + " stream follows from those positions once every range is copied (the stream keeps changes {} h: the copy"
                + " must finish before {})", heads.size(), TimeWindow.iso(positionsAt), table, ranges.size(),
                retentionMillis / TimeWindow.HOUR_MILLIS, TimeWindow.iso(positionsAt + retentionMillis));
        return new SnapshotProgress(ranges.stream().map(SourceSplit::id).toList(), Map.of(), List.of(), positionsAt,
                retentionMillis, bytes, labels);
    }

    static Map<String, SplitCheckpoint> ranges(Map<String, SplitCheckpoint> all) {
        Map<String, SplitCheckpoint> out = new LinkedHashMap<>();
        all.forEach((id, cp) -> {
            if (SyncStatus.isRange(id)) {
                out.put(id, cp);
            }
        });
        return out;
    }

    static Map<String, SplitCheckpoint> shards(Map<String, SplitCheckpoint> all) {
        Map<String, SplitCheckpoint> out = new LinkedHashMap<>();
        all.forEach((id, cp) -> {
            if (!SyncStatus.isRange(id)) {
                out.put(id, cp);
            }
        });
        return out;
    }

    /** Marks the snapshot complete (every range finished: all its rows are in the sink). */
    void completed() {
        long rows = ranges(status.load()).values().stream().mapToLong(SplitCheckpoint::records).sum();
        SnapshotState s = status.snapshotState();
        if (s == null) {
            throw OtsStreamReaderErrorCode.userError("the snapshot row of stream " + streamId + " disappeared from the status table");
        }
        long now = clock.getAsLong();
        status.writeSnapshotState(new SnapshotState(SnapshotPhase.DONE, s.startedAtMillis(), s.positionsAtMillis(), s.ranges(),
                now, rows));
        LOG.info("snapshot: every range of table {} is copied ({} rows in {} s since the start); switching to the stream"
                + " from the positions recorded at {}", table, rows, (now - s.startedAtMillis()) / 1000,
                TimeWindow.iso(s.positionsAtMillis()));
    }
}
