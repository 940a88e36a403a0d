package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.engine.filter.ColumnPagination;
import io.tablesync.tablestore.local.plainbuffer.Cell;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.storage.StoredRow;
import io.tablesync.tablestore.local.storage.StoredRow.Version;
import io.tablesync.tablestore.local.storage.TableInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns a stored row into the row a read returns: versions, time range, filter, projection, column window. */
public final class RowReader {

    private RowReader() {
    }

    /** The row as the client sees it, or null when it is absent for this read. */
    public static PbRow read(TableInfo table, StoredRow row, ReadSpec spec, long nowMillis) {
        if (row == null) {
            return null;
        }
        Map<String, List<Version>> visible = new LinkedHashMap<>();
        for (Map.Entry<String, List<Version>> e : row.columns().entrySet()) {
            List<Version> v = inRange(Versions.visible(table, e.getValue(), nowMillis), spec);
            if (!v.isEmpty()) {
                visible.put(e.getKey(), v);
            }
        }
        if (spec.filter() != null && !spec.filter().test(columnsWithPrimaryKey(table, row, visible))) {
            return null;
        }
        boolean wantPk = spec.columnsToGet().isEmpty();
        List<Cell> cells = new ArrayList<>();
        int skipped = 0;
        int taken = 0;
        ColumnPagination page = spec.filter() instanceof ColumnPagination p ? p : null;
        for (Map.Entry<String, List<Version>> e : visible.entrySet()) {
            String name = e.getKey();
            if (!spec.columnsToGet().isEmpty() && !spec.columnsToGet().contains(name)) {
                continue;
            }
            if (spec.startColumn() != null && name.compareTo(spec.startColumn()) < 0) {
                continue;
            }
            if (spec.endColumn() != null && name.compareTo(spec.endColumn()) >= 0) {
                continue;
            }
            if (page != null) {
                if (skipped < page.offset()) {
                    skipped++;
                    continue;
                }
                if (taken >= page.limit()) {
                    break;
                }
                taken++;
            }
            for (Version v : e.getValue()) {
                cells.add(Cell.put(name, v.value(), v.ts()));
            }
        }
        if (!spec.columnsToGet().isEmpty()) {
            for (String c : spec.columnsToGet()) {
                if (PrimaryKeys.isPkName(table, c)) {
                    wantPk = true;
                }
            }
        }
        if (cells.isEmpty()) {
            boolean hiddenByVersions = row.hasColumns() && visible.isEmpty();
            if (!wantPk || hiddenByVersions) {
                return null;
            }
        }
        return new PbRow(PrimaryKeys.cells(table, row.primaryKey()), cells);
    }

    /**
     * What a read filter sees: the visible attribute versions, and the primary-key columns as single values (the
     * service filters on them too, e.g. {@code pk < 0} in a GetRange).
     */
    private static Function<String, List<Version>> columnsWithPrimaryKey(TableInfo table, StoredRow row,
                                                                         Map<String, List<Version>> visible) {
        return name -> {
            List<TableInfo.PkColumn> schema = table.primaryKey();
            for (int i = 0; i < schema.size(); i++) {
                if (schema.get(i).name().equals(name)) {
                    return List.of(new Version(0, row.primaryKey().get(i)));
                }
            }
            return visible.getOrDefault(name, List.of());
        };
    }

    private static List<Version> inRange(List<Version> versions, ReadSpec spec) {
        if (versions.isEmpty()) {
            return versions;
        }
        List<Version> out = new ArrayList<>(versions.size());
        for (Version v : versions) {
            if (spec.startTime() != null && v.ts() < spec.startTime()) {
                continue;
            }
            if (spec.endTime() != null && v.ts() >= spec.endTime()) {
                continue;
            }
            out.add(v);
            if (spec.maxVersions() != null && out.size() >= spec.maxVersions()) {
                break;
            }
        }
        return out;
    }

    /** Decodes a stored row. */
    public static StoredRow decode(byte[] bytes) {
        return bytes == null ? null : StoredRow.decode(bytes);
    }
}
