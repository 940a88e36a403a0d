package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.plainbuffer.PbRow;
import java.util.List;

/**
 * One requested row write.
 *
 * @param type PUT, UPDATE or DELETE
 * @param row the decoded PlainBuffer row (primary key and cells)
 * @param returnType 0 = RT_NONE, 1 = RT_PK, 2 = RT_AFTER_MODIFY (protocol numbers)
 * @param returnColumns columns returned with RT_AFTER_MODIFY
 */
public record RowChange(Type type, PbRow row, RowCondition condition, int returnType, List<String> returnColumns) {

    /** Kind of write. */
    public enum Type { PUT, UPDATE, DELETE }

    public static final int RT_NONE = 0;
    public static final int RT_PK = 1;
    public static final int RT_AFTER_MODIFY = 2;
}
