package io.tablesync.plugin.tablestore.table;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.BatchGetRowRequest;
import com.alicloud.openservices.tablestore.model.BatchGetRowResponse;
import com.alicloud.openservices.tablestore.model.Direction;
import com.alicloud.openservices.tablestore.model.MultiRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.Row;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.element.BytesColumn;
import io.tablesync.core.element.Column;
import io.tablesync.core.element.DefaultRecord;
import io.tablesync.core.element.LongColumn;
import io.tablesync.core.element.Record;
import io.tablesync.core.element.StringColumn;
import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitReader;
import io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode;
import io.tablesync.plugin.tablestore.client.OtsErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One table read in a job's record layout: cut into ranges, each range read by a
 * {@link RangeSplitReader}, single rows looked up by key. Shared by the snapshot of
 * {@code sync --snapshot} and by {@code verify}, so both see a row as the same record.
 */
public final class TableReading {
    private static final int BATCH_GET_LIMIT = 100;

    private final SyncClient client;
    private final String table;
    private final List<PrimaryKeySchema> schema;
    private final RowLayout layout;
    private final RangeReader reader;
    private final RangePlanner planner;
    private final int[] keyIndexes;

    public TableReading(SyncClient client, String table, List<PrimaryKeySchema> schema, RowLayout layout) {
        this.client = client;
        this.table = table;
        this.schema = List.copyOf(schema);
        this.layout = layout;
        List<String> keyNames = schema.stream().map(PrimaryKeySchema::getName).toList();
        this.reader = new RangeReader(client, table, layout.columnsToGet(keyNames), Direction.FORWARD);
        this.planner = new RangePlanner(client, table, schema);
        this.keyIndexes = new int[schema.size()];
        for (int k = 0; k < schema.size(); k++) {
            keyIndexes[k] = -1;
            for (int i = 0; i < layout.columns().size(); i++) {
                if (keyNames.get(k).equals(layout.columns().get(i).name())) {
                    keyIndexes[k] = i;
                    break;
                }
            }
        }
    }

    public String table() {
        return table;
    }

    public RangePlanner planner() {
        return planner;
    }

    /** {@code range} cut into at most {@code wanted} pieces, as splits named {@code prefix + number}. */
    public List<SourceSplit> splits(KeyRange range, int wanted, String prefix) {
        List<KeyRange> pieces = planner.bySize(range, wanted);
        List<SourceSplit> out = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            out.add(new SourceSplit(String.format("%s%04d", prefix, i), List.of(), pieces.get(i).encode()));
        }
        return out;
    }

    public SplitReader reader(SourceSplit split) {
        return new RangeSplitReader(split, reader, layout);
    }

    /** Whether every key column is one of the layout's columns (needed to look rows up by their records). */
    public boolean keysInLayout() {
        return Arrays.stream(keyIndexes).allMatch(i -> i >= 0);
    }

    /** The current rows of the records' keys (null where absent), by BatchGetRow, 100 keys a request. */
    public List<Record> lookup(List<Record> keys) {
        requireKeys();
        List<Record> out = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            List<Record> chunk = keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT));
            MultiRowQueryCriteria c = new MultiRowQueryCriteria(table);
            c.setMaxVersions(1);
            List<String> names = layout.columnsToGet(schema.stream().map(PrimaryKeySchema::getName).toList());
            c.addColumnsToGet(names);
            List<PrimaryKey> pks = new ArrayList<>(chunk.size());
            for (Record r : chunk) {
                PrimaryKey pk = primaryKey(r);
                pks.add(pk);
                c.addRow(pk);
            }
            BatchGetRowRequest req = new BatchGetRowRequest();
            req.addMultiRowQueryCriteria(c);
            BatchGetRowResponse resp;
            try {
                resp = client.batchGetRow(req);
            } catch (RuntimeException e) {
                throw OtsErrors.translate(e, "reading rows of table " + table);
            }
            Map<String, Row> found = new HashMap<>();
            for (BatchGetRowResponse.RowResult rr : resp.getBatchGetRowResult(table)) {
                if (!rr.isSucceed()) {
                    throw OtsStreamReaderErrorCode.userError("reading a row of table " + table + " failed: "
                            + rr.getError().getCode() + " " + rr.getError().getMessage());
                }
                if (rr.getRow() != null) {
                    found.put(PrimaryKeyCodec.encode(rr.getRow().getPrimaryKey()), rr.getRow());
                }
            }
            for (PrimaryKey pk : pks) {
                Row row = found.get(PrimaryKeyCodec.encode(pk));
                out.add(row == null ? null : layout.toRecord(row));
            }
        }
        return out;
    }

    /** A record holding only the key columns, parsed from text; null when the text is no key of this table. */
    public Record keyRecord(Map<Integer, String> keyText) {
        requireKeys();
        Record r = new DefaultRecord(layout.columns().size());
        for (int i = 0; i < layout.columns().size(); i++) {
            r.addColumn(new StringColumn(null));
        }
        for (int k = 0; k < schema.size(); k++) {
            String text = keyText.get(keyIndexes[k]);
            if (text == null) {
                return null;
            }
            Column value;
            switch (schema.get(k).getType()) {
                case INTEGER -> {
                    try {
                        value = new LongColumn(Long.parseLong(text));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                case BINARY -> value = new BytesColumn(text.getBytes(StandardCharsets.UTF_8));
                default -> value = new StringColumn(text);
            }
            r.setColumn(keyIndexes[k], value);
        }
        return r;
    }

    /** Up to n keys, uniformly at random: one pass over the keys only (reservoir sampling). */
    public List<Record> sampleKeys(int n, long seed) {
        requireKeys();
        List<String> keyNames = schema.stream().map(PrimaryKeySchema::getName).toList();
        RangeReader keysOnly = new RangeReader(client, table, keyNames, Direction.FORWARD);
        RowLayout keyLayout = layout;
        Random random = new Random(seed);
        List<Record> sample = new ArrayList<>(n);
        long seen = 0;
        RangeReader.Cursor cursor = keysOnly.cursor(planner.wholeTable());
        boolean more = true;
        while (more) {
            RangeReader.Page page = cursor.next(-1);
            for (Row row : page.rows()) {
                seen++;
                if (sample.size() < n) {
                    sample.add(keyLayout.toRecord(row));
                } else {
                    long j = (long) (random.nextDouble() * seen);
                    if (j < n) {
                        sample.set((int) j, keyLayout.toRecord(row));
                    }
                }
            }
            more = page.next() != null;
        }
        return sample;
    }

    private PrimaryKey primaryKey(Record r) {
        List<PrimaryKeyColumn> cols = new ArrayList<>(schema.size());
        for (int k = 0; k < schema.size(); k++) {
            Column c = r.getColumn(keyIndexes[k]);
            PrimaryKeyValue v = switch (schema.get(k).getType()) {
                case INTEGER -> PrimaryKeyValue.fromLong(c.asLong());
                case BINARY -> PrimaryKeyValue.fromBinary(c.asBytes());
                default -> PrimaryKeyValue.fromString(c.asString());
            };
            cols.add(new PrimaryKeyColumn(schema.get(k).getName(), v));
        }
        return new PrimaryKey(cols);
    }

    private void requireKeys() {
        if (!keysInLayout()) {
            throw TablesyncException.userError(OtsStreamReaderErrorCode.ERROR, "the reader's column list must contain every"
                    + " primary key column of table " + table + " (" + schema.stream().map(PrimaryKeySchema::getName).toList()
                    + ") to look rows up by their records");
        }
    }
}
