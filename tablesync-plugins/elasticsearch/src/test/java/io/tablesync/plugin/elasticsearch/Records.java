package io.tablesync.plugin.elasticsearch;

import io.tablesync.core.element.Column;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.DefaultRecord;
import io.tablesync.core.element.LongColumn;
import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import io.tablesync.core.element.StringColumn;

/** Record builders for tests. */
final class Records {
    private Records() {
    }

    /** A plain (DataX-style UPSERT) record of the given columns. */
    static Record of(Column... columns) {
        DefaultRecord r = new DefaultRecord(columns.length);
        for (Column c : columns) {
            r.addColumn(c);
        }
        return r;
    }

    /** Strings, null allowed. */
    static Record strings(String... values) {
        DefaultRecord r = new DefaultRecord(values.length);
        for (String v : values) {
            r.addColumn(new StringColumn(v));
        }
        return r;
    }

    /** A record with an operation; states parallel to columns. */
    static Record op(Operation op, Column[] columns, ColumnState[] states) {
        DefaultRecord r = new DefaultRecord(columns.length);
        for (int i = 0; i < columns.length; i++) {
            r.addColumn(columns[i], states[i]);
        }
        r.setOperation(op);
        return r;
    }

    static StringColumn s(String v) {
        return new StringColumn(v);
    }

    static LongColumn l(long v) {
        return new LongColumn(v);
    }
}
