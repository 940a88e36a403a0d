package io.tablesync.plugin.tablestore.table;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.ComputeSplitsBySizeRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.Split;
import io.tablesync.plugin.tablestore.client.OtsErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a key range of a table into pieces that can be read in parallel. The cut points are values of
 * the partition key (the first key column; the other key columns of a point are INF_MIN), either the
 * user's ({@code range.split}) or the service's: ComputeSplitPointsBySize, asked first in its 100 MB
 * units and, when that gives fewer pieces than wanted (a table of less than a few hundred MB), again
 * in 1 MB units, the smallest the service accepts — with a point limit, so the answer stays small.
 */
public final class RangePlanner {
    static final long SMALL_UNIT_BYTES = 1024L * 1024;

    private final SyncClient client;
    private final String table;
    private final List<PrimaryKeySchema> schema;

    public RangePlanner(SyncClient client, String table, List<PrimaryKeySchema> schema) {
        this.client = client;
        this.table = table;
        this.schema = List.copyOf(schema);
    }

    /** A key with the given leading values and INF_MIN or INF_MAX for the remaining key columns. */
    public PrimaryKey fill(List<PrimaryKeyValue> leading, PrimaryKeyValue rest) {
        List<PrimaryKeyColumn> cols = new ArrayList<>(schema.size());
        for (int i = 0; i < schema.size(); i++) {
            cols.add(new PrimaryKeyColumn(schema.get(i).getName(), i < leading.size() ? leading.get(i) : rest));
        }
        return new PrimaryKey(cols);
    }

    /** The whole table. */
    public KeyRange wholeTable() {
        return new KeyRange(fill(List.of(), PrimaryKeyValue.INF_MIN), fill(List.of(), PrimaryKeyValue.INF_MAX));
    }

    /** {@code range} cut at the given partition-key values (which lie strictly inside it, in its order). */
    public List<KeyRange> cut(KeyRange range, List<PrimaryKeyValue> points) {
        List<KeyRange> out = new ArrayList<>(points.size() + 1);
        PrimaryKey from = range.next();
        for (PrimaryKeyValue p : points) {
            PrimaryKey at = fill(List.of(p), PrimaryKeyValue.INF_MIN);
            out.add(new KeyRange(from, at));
            from = at;
        }
        out.add(new KeyRange(from, range.end()));
        return out;
    }

    /** {@code range} (forward) cut into at most {@code wanted} pieces of similar data size, by the service's split points. */
    public List<KeyRange> bySize(KeyRange range, int wanted) {
        if (wanted <= 1) {
            return List.of(range);
        }
        List<PrimaryKeyValue> points = inside(range, splitPoints(0, wanted));
        if (points.size() + 1 < wanted) {
            List<PrimaryKeyValue> finer = inside(range, splitPoints(SMALL_UNIT_BYTES, wanted));
            if (finer.size() > points.size()) {
                points = finer;
            }
        }
        return cut(range, points);
    }

    /**
     * The table's data size as the service's split points tell it (pieces of about one unit each, the last one
     * half full on average): in 1 MB units when the table has fewer than {@value #FINE_PIECES} of them (one request),
     * else in 100 MB units. An estimate for progress and the retention check, never for correctness.
     */
    public long estimatedBytes() {
        int fine = splits(SMALL_UNIT_BYTES, FINE_PIECES).size();
        if (fine < FINE_PIECES) {
            return fine * SMALL_UNIT_BYTES - SMALL_UNIT_BYTES / 2;
        }
        long coarseUnit = 100 * SMALL_UNIT_BYTES;
        int coarse = splits(0, COARSE_LIMIT).size();
        return Math.max(fine * SMALL_UNIT_BYTES, coarse * coarseUnit - coarseUnit / 2);
    }

    static final int FINE_PIECES = 1_000;
    static final int COARSE_LIMIT = 100_000;

    private List<PrimaryKeyValue> splitPoints(long unitBytes, int wanted) {
        List<Split> splits = splits(unitBytes, wanted);
        List<PrimaryKeyValue> out = new ArrayList<>();
        for (int i = 1; i < splits.size(); i++) {
            out.add(splits.get(i).getLowerBound().getPrimaryKeyColumn(0).getValue());
        }
        return out;
    }

    /** The service's pieces of the table in units of {@code unitBytes} (0: its default 100 MB), at most {@code pieces}. */
    private List<Split> splits(long unitBytes, int pieces) {
        ComputeSplitsBySizeRequest req = new ComputeSplitsBySizeRequest(table, 1);
        if (unitBytes > 0) {
            req.setSplitSizeInByte(1, unitBytes);
        }
        req.setSplitPointLimit(Math.max(1, pieces - 1));
        try {
            return client.computeSplitsBySize(req).getSplits();
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, "computing split points of table " + table);
        }
    }

    /** The points strictly between the range's first and last partition-key value. */
    private static List<PrimaryKeyValue> inside(KeyRange range, List<PrimaryKeyValue> points) {
        PrimaryKeyValue lo = range.next().getPrimaryKeyColumn(0).getValue();
        PrimaryKeyValue hi = range.end().getPrimaryKeyColumn(0).getValue();
        List<PrimaryKeyValue> out = new ArrayList<>();
        for (PrimaryKeyValue p : points) {
            if (p.compareTo(lo) > 0 && p.compareTo(hi) < 0) {
                out.add(p);
            }
        }
        return out;
    }
}
