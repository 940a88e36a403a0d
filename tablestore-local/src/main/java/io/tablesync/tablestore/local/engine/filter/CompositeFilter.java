package io.tablesync.tablestore.local.engine.filter;

import io.tablesync.tablestore.local.storage.StoredRow.Version;
import java.util.List;
import java.util.function.Function;

/** NOT (one sub-filter), AND, OR (two or more sub-filters). */
public record CompositeFilter(Operator operator, List<RowFilter> filters) implements RowFilter {

    /** Logical operators, numbered as in the protocol (LO_NOT = 1, LO_AND = 2, LO_OR = 3). */
    public enum Operator { NOT, AND, OR }

    @Override
    public boolean test(Function<String, List<Version>> columns) {
        switch (operator) {
            case NOT:
                return !filters.get(0).test(columns);
            case AND:
                for (RowFilter f : filters) {
                    if (!f.test(columns)) {
                        return false;
                    }
                }
                return true;
            default:
                for (RowFilter f : filters) {
                    if (f.test(columns)) {
                        return true;
                    }
                }
                return false;
        }
    }
}
