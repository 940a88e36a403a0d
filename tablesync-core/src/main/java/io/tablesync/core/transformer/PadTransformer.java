package io.tablesync.core.transformer;

import io.tablesync.core.element.Column;
import io.tablesync.core.element.Record;
import io.tablesync.core.element.StringColumn;

/**
 * {@code dx_pad(columnIndex, "l"|"r", length, padString)}: pads to length on the left or right by
 * repeating padString (its last repetition cut to fit); a longer value is cut to its first length
 * characters; a null value is padded as "".
 */
final class PadTransformer extends ColumnTransformer {
    static final String NAME = "dx_pad";
    private final boolean left;
    private final int length;
    private final String pad;

    private PadTransformer(int columnIndex, boolean left, int length, String pad) {
        super(columnIndex);
        this.left = left;
        this.length = length;
        this.pad = pad;
    }

    static Transformer create(TransformerSpec s) {
        Paras.count(s, 4, "dx_pad paras must be 4", "3 values: \"l\" or \"r\", length, padString");
        String type = s.paras().get(0);
        int length = Paras.nonNegative(s, 1, "length");
        String pad = s.paras().get(2);
        if (!type.equalsIgnoreCase("r") && !type.equalsIgnoreCase("l")) {
            throw Paras.illegal(s, String.format("dx_pad first para(%s) support l or r", type));
        }
        if (pad.isEmpty()) {
            // DataX loops forever on an empty pad string
            throw Paras.illegal(s, "dx_pad padString must not be empty");
        }
        return new PadTransformer(s.columnIndex(), type.equalsIgnoreCase("l"), length, pad);
    }

    @Override
    Record transform(Record record, Column column) {
        String value = column.asString();
        if (value == null) {
            value = "";
        }
        String result;
        if (length <= value.length()) {
            result = value.substring(0, length);
        } else {
            StringBuilder fill = new StringBuilder(length - value.length());
            while (fill.length() < length - value.length()) {
                int missing = length - value.length() - fill.length();
                fill.append(missing >= pad.length() ? pad : pad.substring(0, missing));
            }
            result = left ? fill + value : value + fill;
        }
        record.setColumn(columnIndex, new StringColumn(result));
        return record;
    }
}
