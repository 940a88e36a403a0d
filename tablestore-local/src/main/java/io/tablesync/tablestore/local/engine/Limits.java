package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.plainbuffer.Cell;
import io.tablesync.tablestore.local.plainbuffer.Value;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The service's request limits and name rules, checked before a table is looked up, with its codes and texts
 * (OTSParameterInvalid, 400).
 */
public final class Limits {

    public static final int MAX_COLUMNS = 1024;
    public static final int MAX_VALUE_BYTES = 2 * 1024 * 1024;
    public static final int MAX_COLUMN_NAME_BYTES = 255;
    /** Cell versions are milliseconds below INT64_MAX / 1000 (the service keeps them in microseconds). */
    public static final long MAX_TIMESTAMP_EXCLUSIVE = Long.MAX_VALUE / 1000;
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");

    private Limits() {
    }

    public static void checkTableName(String name) {
        if (!TABLE_NAME.matcher(name).matches()) {
            throw OtsException.parameterInvalid("Invalid table name: '" + name + "'.");
        }
    }

    /** Column names: 1–255 bytes of UTF-8, not starting with '#' (the service reserves those). */
    public static void checkColumnName(String name) {
        int bytes = DataSize.utf8Length(name);
        if (bytes == 0 || bytes > MAX_COLUMN_NAME_BYTES || name.startsWith("#")) {
            throw OtsException.parameterInvalid("Invalid column name: '" + name + "'.");
        }
    }

    /** columns_to_get of a read. */
    public static void checkColumnsToGet(Collection<String> columns) {
        if (columns.size() > MAX_COLUMNS) {
            throw OtsException.parameterInvalid("The number of columns from the request exceeds the limit, limit count: "
                    + MAX_COLUMNS + ", column count: " + columns.size() + ".");
        }
        for (String c : columns) {
            checkColumnName(c);
        }
    }

    /** The attribute cells of a write. */
    public static void checkCells(List<Cell> cells) {
        if (cells.size() > MAX_COLUMNS) {
            throw OtsException.parameterInvalid("The number of attribute columns exceeds the limit, limit count: "
                    + MAX_COLUMNS + ", column count: " + cells.size() + ".");
        }
        for (Cell c : cells) {
            checkColumnName(c.name());
            checkAttributeValue(c.name(), c.value());
            if (c.timestamp() != null && (c.timestamp() < 0 || c.timestamp() >= MAX_TIMESTAMP_EXCLUSIVE)) {
                throw OtsException.parameterInvalid("Timestamp must be in range [0, INT64_MAX/1000).");
            }
        }
    }

    static void checkAttributeValue(String column, Value v) {
        if (v != null && v.bytes() != null && v.bytes().length > MAX_VALUE_BYTES) {
            throw OtsException.parameterInvalid("The length of attribute column: '" + column + "' exceeds the MaxLength:"
                    + MAX_VALUE_BYTES + " with CurrentLength:" + v.bytes().length + ".");
        }
    }
}
