package io.tablesync.core.transformer;

import io.tablesync.core.element.Column;
import io.tablesync.core.element.Record;
import io.tablesync.core.element.StringColumn;

/** {@code dx_replace(columnIndex, startIndex, length, replacement)}: replaces length chars from startIndex. */
final class ReplaceTransformer extends ColumnTransformer {
    static final String NAME = "dx_replace";
    private final int start;
    private final int length;
    private final String replacement;

    private ReplaceTransformer(int columnIndex, int start, int length, String replacement) {
        super(columnIndex);
        this.start = start;
        this.length = length;
        this.replacement = replacement;
    }

    static Transformer create(TransformerSpec s) {
        Paras.count(s, 4, "dx_replace paras must be 4", "3 values: startIndex, length, replacement");
        return new ReplaceTransformer(s.columnIndex(), Paras.nonNegative(s, 0, "startIndex"),
                Paras.nonNegative(s, 1, "length"), s.paras().get(2));
    }

    @Override
    Record transform(Record record, Column column) {
        String value = column.asString();
        if (value == null) {
            return record; // DataX: a null value is left alone
        }
        if (start > value.length()) {
            throw runError(String.format("dx_replace startIndex(%s) out of range(%s)", start, value.length()));
        }
        long end = (long) start + length;
        String result = end >= value.length() ? value.substring(0, start) + replacement
                : value.substring(0, start) + replacement + value.substring((int) end);
        record.setColumn(columnIndex, new StringColumn(result));
        return record;
    }
}
