package io.tablesync.core.transformer;

import io.tablesync.core.element.Column;
import io.tablesync.core.element.Record;
import io.tablesync.core.element.StringColumn;

/** {@code dx_substr(columnIndex, startIndex, length)}: the substring from startIndex, at most length chars. */
final class SubstrTransformer extends ColumnTransformer {
    static final String NAME = "dx_substr";
    private final int start;
    private final int length;

    private SubstrTransformer(int columnIndex, int start, int length) {
        super(columnIndex);
        this.start = start;
        this.length = length;
    }

    static Transformer create(TransformerSpec s) {
        Paras.count(s, 3, "dx_substr paras must be 3", "2 values: startIndex, length");
        return new SubstrTransformer(s.columnIndex(), Paras.nonNegative(s, 0, "startIndex"),
                Paras.nonNegative(s, 1, "length"));
    }

    @Override
    Record transform(Record record, Column column) {
        String value = column.asString();
        if (value == null) {
            return record; // DataX: a null value is left alone
        }
        if (start > value.length()) {
            throw runError(String.format("dx_substr startIndex(%s) out of range(%s)", start, value.length()));
        }
        // long arithmetic: DataX's int sum overflows for a large length and then fails the record
        long end = (long) start + length;
        String result = end >= value.length() ? value.substring(start) : value.substring(start, (int) end);
        record.setColumn(columnIndex, new StringColumn(result));
        return record;
    }
}
