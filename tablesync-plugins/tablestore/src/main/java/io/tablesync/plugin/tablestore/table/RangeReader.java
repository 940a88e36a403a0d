package io.tablesync.plugin.tablestore.table;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.BulkExportRequest;
import com.alicloud.openservices.tablestore.model.BulkExportResponse;
import com.alicloud.openservices.tablestore.model.DataBlockType;
import com.alicloud.openservices.tablestore.model.Direction;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetRangeResponse;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.tunnel.BulkExportQueryCriteria;
import io.tablesync.core.TablesyncException;
import io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode;
import io.tablesync.plugin.tablestore.client.OtsErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a table's rows in key order, page by page, through a {@link Cursor} per key range. Every
 * full-table reader goes through here: the {@code otsreader} task, the snapshot of
 * {@code sync --snapshot} and {@code verify}.
 *
 * <p>Forward reads use the service's BulkExport action, which returns rows as SimpleRowMatrix blocks:
 * one checksum per block instead of PlainBuffer's one per cell, and decoded by the reading thread
 * rather than the SDK's I/O threads — the decoding of GetRange pages was the largest cost of a copy.
 * A service that does not offer BulkExport (an older emulator, an unsupported instance) gets one
 * warning and GetRange from then on. Backward reads, and everything when the system property
 * {@value #API_PROPERTY} is {@code GetRange}, use GetRange.
 */
public final class RangeReader {
    /** System property choosing the read action: {@code BulkExport} (default, forward reads only) or {@code GetRange}. */
    public static final String API_PROPERTY = "tablesync.ots.tableReads";
    private static final Logger LOG = LoggerFactory.getLogger(RangeReader.class);
    /** Answers meaning "this service does not do BulkExport (for this request)": GetRange is asked instead. */
    private static final Set<String> UNAVAILABLE_CODES = Set.of("OTSUnsupportOperation", "OTSParameterInvalid",
            "OTSMethodNotAllowed");

    /** One page: its rows, and where the range continues (null: the range is read to its end). */
    public record Page(List<Row> rows, PrimaryKey next) {
    }

    /** Reads one key range from its start to its end, a page per call. */
    public interface Cursor {
        /**
         * The next page, at most {@code limit} rows ({@code -1}: as many as the service returns in one
         * answer); an empty page with a null {@link Page#next()} once the range is read.
         */
        Page next(int limit);
    }

    private final SyncClient client;
    private final String table;
    private final List<String> columnsToGet;
    private final Direction direction;
    private final AtomicBoolean bulkExport;
    private final AtomicLong fallbacks = new AtomicLong();

    /**
     * @param columnsToGet the columns to read; the key columns must be among them so that a row
     *                     without any of the wanted attributes is still returned. Empty: all columns.
     */
    public RangeReader(SyncClient client, String table, List<String> columnsToGet, Direction direction) {
        this(client, table, columnsToGet, direction, bulkExportWanted());
    }

    /** As above, with the read action chosen by the caller rather than by {@value #API_PROPERTY}. */
    RangeReader(SyncClient client, String table, List<String> columnsToGet, Direction direction, boolean bulkExportWanted) {
        this.client = client;
        this.table = table;
        this.columnsToGet = List.copyOf(columnsToGet);
        this.direction = direction;
        this.bulkExport = new AtomicBoolean(direction == Direction.FORWARD && bulkExportWanted);
    }

    public String table() {
        return table;
    }

    /** Whether forward reads still go through BulkExport (false once the service refused it). */
    public boolean usesBulkExport() {
        return bulkExport.get();
    }

    /** How many times BulkExport was refused and GetRange asked instead (0 or 1 per reader). */
    public long bulkExportRefusals() {
        return fallbacks.get();
    }

    public Cursor cursor(KeyRange range) {
        return bulkExport.get() ? new BulkExportCursor(range) : new GetRangeCursor(range);
    }

    private static boolean bulkExportWanted() {
        String v = System.getProperty(API_PROPERTY, "BulkExport").trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "bulkexport" -> true;
            case "getrange" -> false;
            default -> throw TablesyncException.userError(OtsStreamReaderErrorCode.ERROR, "system property "
                    + API_PROPERTY + " is \"" + System.getProperty(API_PROPERTY) + "\": use BulkExport or GetRange");
        };
    }

    /** GetRange pages of at most {@code limit} rows (the service stops earlier at 5,000 rows or 4 MB). */
    private final class GetRangeCursor implements Cursor {
        private KeyRange remaining;

        GetRangeCursor(KeyRange range) {
            this.remaining = range;
        }

        @Override
        public Page next(int limit) {
            if (remaining == null) {
                return new Page(List.of(), null);
            }
            RangeRowQueryCriteria c = new RangeRowQueryCriteria(table);
            c.setInclusiveStartPrimaryKey(remaining.next());
            c.setExclusiveEndPrimaryKey(remaining.end());
            c.setDirection(direction);
            c.setMaxVersions(1);
            if (limit > 0) {
                c.setLimit(limit);
            }
            if (!columnsToGet.isEmpty()) {
                c.addColumnsToGet(columnsToGet);
            }
            GetRangeResponse r;
            try {
                r = client.getRange(new GetRangeRequest(c));
            } catch (RuntimeException e) {
                throw OtsErrors.translate(e, "reading table " + table + " from " + KeyRange.describe(remaining.next()));
            }
            remaining = r.getNextStartPrimaryKey() == null ? null : remaining.from(r.getNextStartPrimaryKey());
            return new Page(r.getRows(), r.getNextStartPrimaryKey());
        }
    }

    /**
     * BulkExport blocks, handed out in pages of at most {@code limit} rows: a block stays undecoded
     * bytes until its rows are asked for, so a small page size bounds the rows held, not the requests.
     */
    private final class BulkExportCursor implements Cursor {
        /** What is left to ask the service for after the current block; null: nothing. */
        private KeyRange remaining;
        private SimpleRowMatrixBlock block;
        /** The first row of the next page, decoded to learn where that page starts. */
        private Row pending;
        private Cursor fallback;

        BulkExportCursor(KeyRange range) {
            this.remaining = range;
        }

        @Override
        public Page next(int limit) {
            if (fallback != null) {
                return fallback.next(limit);
            }
            if (pending == null && (block == null || !block.hasNext())) {
                if (!fetchBlockWithRows()) {
                    return fallback != null ? fallback.next(limit) : new Page(List.of(), null);
                }
            }
            int wanted = limit > 0 ? limit : Integer.MAX_VALUE;
            List<Row> rows = new ArrayList<>(Math.min(wanted, block.rowCount() + 1));
            if (pending != null) {
                rows.add(pending);
                pending = null;
            }
            while (rows.size() < wanted && block.hasNext()) {
                rows.add(block.next());
            }
            if (block.hasNext()) {
                pending = block.next();
                return new Page(rows, pending.getPrimaryKey());
            }
            return new Page(rows, remaining == null ? null : remaining.next());
        }

        /** Asks for blocks until one has rows (true) or the range is read (false, or a fallback is set). */
        private boolean fetchBlockWithRows() {
            while (remaining != null) {
                BulkExportQueryCriteria c = new BulkExportQueryCriteria(table);
                c.setInclusiveStartPrimaryKey(remaining.next());
                c.setExclusiveEndPrimaryKey(remaining.end());
                c.setDataBlockType(DataBlockType.DBT_SIMPLE_ROW_MATRIX);
                if (!columnsToGet.isEmpty()) {
                    c.addColumnsToGet(columnsToGet);
                }
                BulkExportResponse r;
                try {
                    r = client.bulkExport(new BulkExportRequest(c));
                } catch (TableStoreException e) {
                    if (!UNAVAILABLE_CODES.contains(e.getErrorCode()) && e.getHttpStatus() != 404) {
                        throw OtsErrors.translate(e, "reading table " + table + " from " + KeyRange.describe(remaining.next()));
                    }
                    refused(e);
                    fallback = new GetRangeCursor(remaining);
                    return false;
                } catch (RuntimeException e) {
                    throw OtsErrors.translate(e, "reading table " + table + " from " + KeyRange.describe(remaining.next()));
                }
                if (r.getDataBlockType() != DataBlockType.DBT_SIMPLE_ROW_MATRIX) {
                    throw OtsStreamReaderErrorCode.userError("Tablestore answered BulkExport on table " + table
                            + " with a " + r.getDataBlockType() + " block where a SimpleRowMatrix block was asked for");
                }
                try {
                    block = new SimpleRowMatrixBlock(r.getRows());
                } catch (IllegalStateException e) {
                    throw TablesyncException.transientError(OtsStreamReaderErrorCode.ERROR, "reading table " + table
                            + " from " + KeyRange.describe(remaining.next()) + ": " + e.getMessage(), e);
                }
                remaining = r.getNextStartPrimaryKey() == null ? null : remaining.from(r.getNextStartPrimaryKey());
                if (block.hasNext()) {
                    return true;
                }
            }
            return false;
        }

        private void refused(TableStoreException e) {
            fallbacks.incrementAndGet();
            if (bulkExport.compareAndSet(true, false)) {
                LOG.warn("Tablestore refused BulkExport on table {} ({}: {}); reading it with GetRange instead", table,
                        e.getErrorCode(), e.getMessage());
            }
        }
    }
}
