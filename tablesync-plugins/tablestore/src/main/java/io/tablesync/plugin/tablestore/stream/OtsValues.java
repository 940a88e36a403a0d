package io.tablesync.plugin.tablestore.stream;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import io.tablesync.core.element.BoolColumn;
import io.tablesync.core.element.BytesColumn;
import io.tablesync.core.element.Column;
import io.tablesync.core.element.DoubleColumn;
import io.tablesync.core.element.LongColumn;
import io.tablesync.core.element.StringColumn;
import io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode;

/** Tablestore values → DataX columns (research/datax.md §3.8 type table). */
public final class OtsValues {
    private OtsValues() {
    }

    public static Column of(ColumnValue v) {
        if (v == null) {
            return new StringColumn(null);
        }
        return switch (v.getType()) {
            case STRING -> new StringColumn(v.asString());
            case INTEGER -> new LongColumn(v.asLong());
            case DOUBLE -> new DoubleColumn(v.asDouble());
            case BOOLEAN -> new BoolColumn(v.asBoolean());
            case BINARY -> new BytesColumn(v.asBinary());
            default -> throw OtsStreamReaderErrorCode.userError("Unsupported column type: " + v.getType());
        };
    }

    public static Column of(PrimaryKeyValue v) {
        return switch (v.getType()) {
            case STRING -> new StringColumn(v.asString());
            case INTEGER -> new LongColumn(v.asLong());
            case BINARY -> new BytesColumn(v.asBinary());
            default -> throw OtsStreamReaderErrorCode.userError("Unsupported primary key type: " + v.getType());
        };
    }
}
