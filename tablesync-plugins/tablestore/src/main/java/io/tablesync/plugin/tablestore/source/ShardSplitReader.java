package io.tablesync.plugin.tablestore.source;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.GetShardIteratorRequest;
import com.alicloud.openservices.tablestore.model.GetShardIteratorResponse;
import com.alicloud.openservices.tablestore.model.GetStreamRecordRequest;
import com.alicloud.openservices.tablestore.model.GetStreamRecordResponse;
import com.alicloud.openservices.tablestore.model.StreamRecord;
import io.tablesync.core.element.Record;
import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitFetch;
import io.tablesync.core.source.SplitPosition;
import io.tablesync.core.source.SplitReader;
import io.tablesync.plugin.tablestore.client.OtsErrors;
import io.tablesync.plugin.tablestore.stream.RecordMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one stream shard with GetStreamRecord, one page per {@link #fetch()}, and turns each stream
 * record into records with their {@link SplitPosition}. Every runner reads shards through this
 * class: the DataX window task, {@code sync} and Flink.
 *
 * <p>Positions: every record but a page's last resumes at the page's own iterator (a restart reads
 * that page again; its changes are re-applied in order, so the sink converges); the page's last
 * record resumes at the next page. A page whose changes map to no record still moves the position.
 *
 * <p>A bound ({@code endMillis}) makes the shard finish at its first change at or after the bound,
 * or when it is idle and the bound lies further back than the clock-skew margin — exactly when
 * DataX ends a window, so a window and a bounded continuous run read the same records.
 */
public final class ShardSplitReader implements SplitReader {
    private static final Logger LOG = LoggerFactory.getLogger(ShardSplitReader.class);
    /** One warning per process when the service refuses the record limit, not one per shard. */
    private static final AtomicBoolean LIMIT_REFUSAL_WARNED = new AtomicBoolean();
    /**
     * A page shorter than this returned everything there was: GetStreamRecord's page size when no limit is
     * asked for (100 on tablestore-local, at least that on the service). A longer page below the limit asked
     * for proves nothing, as the service may also end a page by size.
     */
    private static final int FULL_PAGE = 100;

    /** DataX seeks this far before a start time, because seeking by time is not exact. */
    static final long SEEK_BACK_MILLIS = 10 * 60 * 1000L;

    /** What to do when the shard's position points at data the stream no longer keeps. */
    @FunctionalInterface
    public interface TrimmedHandler {
        /** Returns the iterator to continue from, or throws the error to stop with. */
        String onTrimmed(String shardId, TableStoreException cause, ShardSplitReader reader);
    }

    /**
     * @param streamId          the stream
     * @param tableName         the data table (sent with each request under table-group support)
     * @param tableGroupSupport DataX's {@code enableTableGroupSupport}
     * @param skipBeforeMillis  records older than this are skipped (-1: none)
     * @param endMillis         the bound (-1: none)
     * @param endMarginMillis   how far the bound must lie back before an idle shard counts as done
     * @param recordLimit       records asked for per call (otsstreamreader's {@code streamRecordLimit})
     */
    public record Settings(String streamId, String tableName, boolean tableGroupSupport, long skipBeforeMillis,
                           long endMillis, long endMarginMillis, int recordLimit) {
    }

    private final SyncClient client;
    private final Settings settings;
    private final SourceSplit split;
    private final RecordMapper mapper;
    private final TrimmedHandler trimmed;
    private final LongSupplier clock;
    private String iterator;
    private long skipBefore;
    private long sequence;
    private long lastPageFirstMillis = -1;
    private String lastPageIterator;
    /** The service refused {@link Settings#recordLimit()}: pages are asked for without a limit. */
    private boolean limitRefused;

    public ShardSplitReader(SyncClient client, Settings settings, SourceSplit split, RecordMapper mapper,
                            TrimmedHandler trimmed, LongSupplier clock) {
        this.client = client;
        this.settings = settings;
        this.split = split;
        this.mapper = mapper;
        this.trimmed = trimmed;
        this.clock = clock;
        this.skipBefore = settings.skipBeforeMillis();
        if (ShardState.isAt(split.state())) {
            skipBefore = Math.max(skipBefore, ShardState.atMillis(split.state()));
        }
    }

    @Override
    public SourceSplit split() {
        return split;
    }

    /** The iterator the last fetch read (null before the first). */
    public String lastPageIterator() {
        return lastPageIterator;
    }

    /** Source time of the first change on the last page read, or -1 when it was empty. */
    public long lastPageFirstMillis() {
        return lastPageFirstMillis;
    }

    @Override
    public SplitFetch fetch() {
        String shardId = split.id();
        if (iterator == null) {
            iterator = initialIterator();
        }
        GetStreamRecordResponse page = readPage(iterator);
        List<StreamRecord> changes = page.getRecords();
        lastPageIterator = iterator;
        lastPageFirstMillis = changes.isEmpty() ? -1 : millis(changes.get(0));
        // the changes of this page that belong to the read: not before the start, not at or after the end
        int first = 0;
        while (first < changes.size() && millis(changes.get(first)) < skipBefore) {
            first++;
        }
        if (first < changes.size()) {
            skipBefore = -1; // a shard's records are in time order: nothing later is older
        }
        int endIndex = -1;
        int stop = changes.size();
        if (settings.endMillis() >= 0) {
            for (int i = first; i < changes.size(); i++) {
                if (millis(changes.get(i)) >= settings.endMillis()) {
                    endIndex = i;
                    stop = i;
                    break;
                }
            }
        }
        List<StreamRecord> read = changes.subList(first, stop);
        List<List<Record>> mapped = mapper.mapPage(read, shardId);
        List<Record> out = new ArrayList<>();
        long lastMillis = -1;
        for (int i = 0; i < read.size(); i++) {
            long ts = millis(read.get(i));
            lastMillis = ts;
            for (Record r : mapped.get(i)) {
                r.setPosition(new SplitPosition(shardId, ++sequence, iterator, ts));
                out.add(r);
            }
        }
        if (endIndex >= 0) {
            // The bound lies inside this page: resume exactly at the first change at or after it.
            String at = endIndex == 0 ? iterator : read(iterator, endIndex).getNextShardIterator();
            return end(out, at, lastMillis, false);
        }
        String next = page.getNextShardIterator();
        if (next == null) {
            return end(out, ShardState.SHARD_END, lastMillis, false);
        }
        boolean idle = changes.isEmpty();
        if (idle && settings.endMillis() >= 0 && clock.getAsLong() - settings.endMarginMillis() >= settings.endMillis()) {
            return end(out, next, lastMillis, true);
        }
        boolean moved = !next.equals(iterator);
        iterator = next;
        SplitPosition end = null;
        if (!out.isEmpty()) {
            end = resumeAfterLast(out, next);
        } else if (moved) {
            end = new SplitPosition(shardId, ++sequence, next, lastMillis);
        }
        // A page shorter than any default page size of the service returned everything there was.
        return new SplitFetch(out, end, idle, false, changes.size() < FULL_PAGE);
    }

    private SplitFetch end(List<Record> out, String finalState, long lastMillis, boolean idle) {
        iterator = finalState;
        SplitPosition end = out.isEmpty() ? new SplitPosition(split.id(), ++sequence, finalState, lastMillis)
                : resumeAfterLast(out, finalState);
        return new SplitFetch(out, end, idle, true);
    }

    private static SplitPosition resumeAfterLast(List<Record> out, String state) {
        Record last = out.get(out.size() - 1);
        SplitPosition p = (SplitPosition) last.getPosition();
        SplitPosition resumed = new SplitPosition(p.partition(), p.sequence(), state, p.eventTimeMillis());
        last.setPosition(resumed);
        return resumed;
    }

    private String initialIterator() {
        String state = split.state();
        if (state.equals(ShardState.SHARD_END)) {
            throw new IllegalStateException("shard " + split.id() + " is finished; it must not be read again");
        }
        if (state.equals(ShardState.TRIM_HORIZON)) {
            return shardIterator(null);
        }
        if (ShardState.isAt(state)) {
            return shardIterator((ShardState.atMillis(state) - SEEK_BACK_MILLIS) * 1000);
        }
        return state;
    }

    /** An iterator at the oldest retained record (timestamp null) or at the first record at or after it (µs). */
    public String shardIterator(Long timestampMicros) {
        GetShardIteratorRequest req = new GetShardIteratorRequest(settings.streamId(), split.id());
        if (timestampMicros != null) {
            req.setTimestamp(timestampMicros);
        }
        try {
            while (true) {
                GetShardIteratorResponse r = client.getShardIterator(req);
                if (r.getNextToken() == null) {
                    return r.getShardIterator();
                }
                req.setToken(r.getNextToken());
            }
        } catch (TableStoreException e) {
            if ("OTSTrimmedDataAccess".equals(e.getErrorCode())) {
                return trimmed.onTrimmed(split.id(), e, this);
            }
            throw OtsErrors.translate(e, "getting an iterator for shard " + split.id());
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, "getting an iterator for shard " + split.id());
        }
    }

    /**
     * One page of up to {@link Settings#recordLimit()} records. A service that refuses that limit as a
     * parameter gets one warning and requests without a limit (its own default page size) from then on.
     */
    private GetStreamRecordResponse readPage(String from) {
        if (limitRefused) {
            return read(from, null);
        }
        try {
            return client.getStreamRecord(request(from, settings.recordLimit()));
        } catch (TableStoreException e) {
            if (!"OTSParameterInvalid".equals(e.getErrorCode())) {
                return recover(e, settings.recordLimit());
            }
            GetStreamRecordResponse page = read(from, null); // refused again: not about the limit, and read() says so
            limitRefused = true;
            if (LIMIT_REFUSAL_WARNED.compareAndSet(false, true)) {
                LOG.warn("Tablestore refused GetStreamRecord with limit {} ({}: {}); reading stream pages of the "
                        + "service's default size instead", settings.recordLimit(), e.getErrorCode(), e.getMessage());
            }
            return page;
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, "reading shard " + split.id());
        }
    }

    private GetStreamRecordResponse read(String from, Integer limit) {
        try {
            return client.getStreamRecord(request(from, limit));
        } catch (TableStoreException e) {
            return recover(e, limit);
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, "reading shard " + split.id());
        }
    }

    private GetStreamRecordRequest request(String from, Integer limit) {
        GetStreamRecordRequest req = new GetStreamRecordRequest(from);
        if (limit != null) {
            req.setLimit(limit);
        }
        if (settings.tableGroupSupport()) {
            req.setTableName(settings.tableName());
        }
        return req;
    }

    /** A position the stream no longer keeps goes to the trimmed handler; any other error ends the read. */
    private GetStreamRecordResponse recover(TableStoreException e, Integer limit) {
        if ("OTSTrimmedDataAccess".equals(e.getErrorCode())) {
            iterator = trimmed.onTrimmed(split.id(), e, this);
            return read(iterator, limit);
        }
        throw OtsErrors.translate(e, "reading shard " + split.id());
    }

    private static long millis(StreamRecord r) {
        return r.getSequenceInfo().getTimestamp() / 1000;
    }

    @Override
    public void close() {
        // The client belongs to the source; nothing of its own to release.
    }
}
