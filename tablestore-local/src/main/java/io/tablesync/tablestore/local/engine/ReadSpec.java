package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.engine.filter.RowFilter;
import java.util.Set;

/**
 * What a read returns of a row.
 *
 * @param columnsToGet requested columns (may include primary-key names); empty = all
 * @param startTime inclusive lower bound of versions (ms), or null
 * @param endTime exclusive upper bound of versions (ms), or null
 * @param maxVersions newest versions per column to return, or null for all versions in the time range
 * @param filter row filter, or null
 * @param startColumn inclusive first column name (wide rows), or null
 * @param endColumn exclusive last column name, or null
 */
public record ReadSpec(Set<String> columnsToGet, Long startTime, Long endTime, Integer maxVersions,
                       RowFilter filter, String startColumn, String endColumn) {
}
