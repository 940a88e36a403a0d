package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.storage.StoredRow;
import io.tablesync.tablestore.local.storage.StoredRow.Version;
import io.tablesync.tablestore.local.storage.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Which stored versions are visible: the table's max_versions and time-to-live applied at read time. */
final class Versions {

    private Versions() {
    }

    static List<Version> visible(TableInfo table, List<Version> all, long nowMillis) {
        if (all.isEmpty()) {
            return all;
        }
        long oldest = table.timeToLive() == -1 ? Long.MIN_VALUE : nowMillis - table.timeToLive() * 1000L;
        int cap = Math.min(all.size(), table.maxVersions());
        List<Version> out = null;
        for (int i = 0; i < cap; i++) {
            if (all.get(i).ts() < oldest) {
                break;
            }
            if (out == null) {
                out = new ArrayList<>(cap);
            }
            out.add(all.get(i));
        }
        return out == null ? List.of() : out;
    }

    static Function<String, List<Version>> visibleColumns(TableInfo table, StoredRow row, long nowMillis) {
        return name -> row == null ? List.of() : visible(table, row.versions(name), nowMillis);
    }

    /** A row exists if it is stored and either never had attributes (PK-only put) or has a visible version. */
    static boolean exists(TableInfo table, StoredRow row, long nowMillis) {
        if (row == null) {
            return false;
        }
        if (!row.hasColumns() || table.timeToLive() == -1) {
            return true;
        }
        for (List<Version> v : row.columns().values()) {
            if (!visible(table, v, nowMillis).isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
