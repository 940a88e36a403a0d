package io.tablesync.plugin.tablestore;

import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes random puts, partial updates and deletes to a table and remembers them, so a test can
 * state exactly which changes a window must deliver, per key and in order. Every put/update
 * carries a unique value in column {@code v}, so a lost or duplicated change is visible.
 */
final class ChangeLog {
    /** One change as single-version mode reports it: operation and the value of v (null for deletes). */
    record Change(String key, Operation op, Long v) {
        @Override
        public String toString() {
            return op + (v == null ? "" : "(" + v + ")");
        }
    }

    private final OtsFixture ots;
    private final String table;
    private final Random random;
    private final int keys;
    private final List<Change> written = new ArrayList<>();
    private long counter;

    ChangeLog(OtsFixture ots, String table, long seed, int keys) {
        this.ots = ots;
        this.table = table;
        this.random = new Random(seed);
        this.keys = keys;
    }

    /** Writes n random changes. */
    void write(int n) {
        for (int i = 0; i < n; i++) {
            String key = "k" + random.nextInt(keys);
            int dice = random.nextInt(10);
            long v = ++counter;
            if (dice < 5) {
                ots.put(table, key, 0, Map.of("v", ColumnValue.fromLong(v), "w", ColumnValue.fromString("w" + v)));
                written.add(new Change(key, Operation.UPSERT, v));
            } else if (dice < 8) {
                RowUpdateChange u = new RowUpdateChange(table, OtsFixture.pk(key, 0));
                u.put(new Column("v", ColumnValue.fromLong(v)));
                written.add(new Change(key, Operation.UPDATE, v));
                ots.update(table, u);
            } else {
                ots.delete(table, key, 0);
                written.add(new Change(key, Operation.DELETE, null));
            }
        }
    }

    int size() {
        return written.size();
    }

    /** Changes from index from (inclusive) to to (exclusive), grouped per key in write order. */
    Map<String, List<Change>> expected(int from, int to) {
        return perKey(written.subList(from, to));
    }

    static Map<String, List<Change>> perKey(List<Change> changes) {
        Map<String, List<Change>> out = new TreeMap<>();
        for (Change c : changes) {
            out.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c);
        }
        return out;
    }

    /** Captured single-version records (columns id, n, v) as changes, per key in arrival order. */
    static Map<String, List<Change>> actual(List<Record> records) {
        List<Change> out = new ArrayList<>();
        for (Record r : records) {
            Object v = r.getColumn(2).getRawData();
            out.add(new Change(r.getColumn(0).asString(), r.getOperation(), v == null ? null : ((Number) v).longValue()));
        }
        return perKey(out);
    }

    static Map<String, Object> singleVersion(Map<String, Object> reader) {
        Map<String, Object> r = new LinkedHashMap<>(reader);
        r.put("mode", "single_version_and_update_only");
        r.put("column", List.of(Map.of("name", "id"), Map.of("name", "n"), Map.of("name", "v")));
        return r;
    }
}
