package io.tablesync.core.transformer;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.element.Column;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.Record;

/**
 * A built-in transformer of one column ({@code parameter.columnIndex}).
 *
 * <p>Records with an operation: only a PRESENT column has a value to transform. An ABSENT column
 * (an UPDATE that does not touch it, or a DELETE) is left ABSENT and the record passes unchanged,
 * so a partial update can never overwrite a field it did not carry; a DELETED column has no value
 * either and is left DELETED. {@link FilterTransformer} decides for itself (see there).
 */
abstract class ColumnTransformer implements Transformer {
    final int columnIndex;

    ColumnTransformer(int columnIndex) {
        this.columnIndex = columnIndex;
    }

    @Override
    public final Record evaluate(Record record) {
        try {
            ColumnState state = record.getColumnState(columnIndex);
            return state == ColumnState.PRESENT ? transform(record, record.getColumn(columnIndex))
                    : notPresent(record, state);
        } catch (TablesyncException e) {
            throw e;
        } catch (RuntimeException e) {
            // DataX wraps whatever a built-in throws as "Transformer run exception"
            throw TablesyncException.userError(TransformerErrorCode.RUN_EXCEPTION, String.valueOf(e.getMessage()), e);
        }
    }

    /** Transforms a PRESENT column's value (which may be null). */
    abstract Record transform(Record record, Column column);

    /** The change carries no value for the column (ABSENT or DELETED): by default nothing to do. */
    Record notPresent(Record record, ColumnState state) {
        return record;
    }

    static TablesyncException runError(String message) {
        return TablesyncException.userError(TransformerErrorCode.RUN_EXCEPTION, message);
    }
}
