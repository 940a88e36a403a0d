package io.tablesync.tablestore.local.engine.filter;

import io.tablesync.tablestore.local.storage.StoredRow.Version;
import java.util.List;
import java.util.function.Function;

/** A column condition or read filter, evaluated against a row's visible versions (newest first per column). */
public interface RowFilter {

    boolean test(Function<String, List<Version>> columns);
}
