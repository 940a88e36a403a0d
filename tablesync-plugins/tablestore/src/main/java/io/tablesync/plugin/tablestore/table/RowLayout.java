package io.tablesync.plugin.tablestore.table;

import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.Row;
import io.tablesync.core.element.DefaultRecord;
import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import io.tablesync.core.element.StringColumn;
import io.tablesync.plugin.tablestore.stream.OtsValues;
import java.util.ArrayList;
import java.util.List;

/**
 * A table row as a record with the configured columns in order — DataX otsreader's "normal" layout:
 * a key column or the latest version of an attribute, a null string for an attribute the row lacks,
 * the constant itself for a constant column. It is also exactly what the stream's single-version
 * layout makes of a PutRow, so a snapshot row and a streamed put of the same row are the same record.
 */
public final class RowLayout {
    /** One output column: a column name, or a constant value (name null). */
    public record OutputColumn(String name, io.tablesync.core.element.Column constant) {
        public static OutputColumn named(String name) {
            return new OutputColumn(name, null);
        }

        public boolean isConstant() {
            return name == null;
        }
    }

    private final List<OutputColumn> columns;
    private final int extraNullColumns;

    /**
     * @param extraNullColumns null string columns appended to every record (the stream's sequence-info
     *                         column, which a table row does not have)
     */
    public RowLayout(List<OutputColumn> columns, int extraNullColumns) {
        this.columns = List.copyOf(columns);
        this.extraNullColumns = extraNullColumns;
    }

    public List<OutputColumn> columns() {
        return columns;
    }

    /** The names to ask GetRange for: every named column (key columns included, so no row is left out). */
    public List<String> columnsToGet(List<String> keyColumns) {
        List<String> out = new ArrayList<>(keyColumns);
        for (OutputColumn c : columns) {
            if (!c.isConstant() && !out.contains(c.name())) {
                out.add(c.name());
            }
        }
        return out;
    }

    /** The row as an UPSERT record. */
    public Record toRecord(Row row) {
        Record r = new DefaultRecord(columns.size() + extraNullColumns);
        r.setOperation(Operation.UPSERT);
        for (OutputColumn c : columns) {
            if (c.isConstant()) {
                r.addColumn(c.constant());
                continue;
            }
            PrimaryKeyColumn pk = row.getPrimaryKey().getPrimaryKeyColumn(c.name());
            if (pk != null) {
                r.addColumn(OtsValues.of(pk.getValue()));
                continue;
            }
            Column attr = row.getLatestColumn(c.name());
            r.addColumn(attr == null ? new StringColumn(null) : OtsValues.of(attr.getValue()));
        }
        for (int i = 0; i < extraNullColumns; i++) {
            r.addColumn(new StringColumn(null));
        }
        return r;
    }
}
