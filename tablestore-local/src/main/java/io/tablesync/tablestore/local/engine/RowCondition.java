package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.engine.filter.RowFilter;

/**
 * A write condition: row existence expectation plus an optional column condition.
 *
 * @param existence 0 = IGNORE, 1 = EXPECT_EXIST, 2 = EXPECT_NOT_EXIST (protocol numbers)
 */
public record RowCondition(int existence, RowFilter columnCondition) {

    public static final int IGNORE = 0;
    public static final int EXPECT_EXIST = 1;
    public static final int EXPECT_NOT_EXIST = 2;

    public static final RowCondition NONE = new RowCondition(IGNORE, null);

    /** Whether the write has to read the row to check the condition (the service charges read units for that). */
    public boolean checksRow() {
        return existence != IGNORE || columnCondition != null;
    }
}
