package io.tablesync.tablestore.local.engine.filter;

import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.storage.StoredRow.Version;
import java.util.List;
import java.util.function.Function;

/**
 * Compares one column with a constant. A missing column passes unless filterIfMissing; values of a different
 * type never match; with latestVersionOnly=false any visible version may satisfy the comparison.
 */
public record SingleColumnFilter(Comparator comparator, String column, Value value, boolean filterIfMissing,
                                 boolean latestVersionOnly) implements RowFilter {

    /** Comparison operators, numbered as in the protocol (CT_EQUAL = 1 … CT_NOT_EXIST = 8). */
    public enum Comparator { EQUAL, NOT_EQUAL, GREATER_THAN, GREATER_EQUAL, LESS_THAN, LESS_EQUAL, EXIST, NOT_EXIST }

    @Override
    public boolean test(Function<String, List<Version>> columns) {
        List<Version> versions = columns.apply(column);
        if (comparator == Comparator.EXIST) {
            return !versions.isEmpty();
        }
        if (comparator == Comparator.NOT_EXIST) {
            return versions.isEmpty();
        }
        if (versions.isEmpty()) {
            return !filterIfMissing;
        }
        if (latestVersionOnly) {
            return matches(versions.get(0).value());
        }
        for (Version v : versions) {
            if (matches(v.value())) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(Value actual) {
        if (actual.type() != value.type()) {
            return false;
        }
        int c = actual.compareTo(value);
        switch (comparator) {
            case EQUAL:
                return c == 0;
            case NOT_EQUAL:
                return c != 0;
            case GREATER_THAN:
                return c > 0;
            case GREATER_EQUAL:
                return c >= 0;
            case LESS_THAN:
                return c < 0;
            default:
                return c <= 0;
        }
    }
}
