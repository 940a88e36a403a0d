package io.tablesync.core.transformer;

import io.tablesync.core.element.Column;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.Record;
import io.tablesync.core.element.StringColumn;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code dx_filter(columnIndex, operator, value)}: drops the record when the condition holds
 * (DataX's rules, research and DataX's transformer manual):
 * <ul>
 *   <li>{@code like} / {@code not like}: the value as a string fully matches the Java regex; a null
 *       value does not match (so {@code like} keeps it and {@code not like} drops it);</li>
 *   <li>{@code > < >= <= = == !=}: doubles compare as doubles, longs and dates as longs, strings,
 *       bytes and booleans as strings; a null value never satisfies {@code > < >= <=}, satisfies
 *       {@code =} only against "null" and {@code !=} against anything but "null".</li>
 * </ul>
 * Records with an operation: a DELETED column's new value is null and is compared as null; an
 * ABSENT column's value is unknown (the change does not carry it), so the record is kept: a change
 * is never dropped because of a value nobody knows.
 */
final class FilterTransformer extends ColumnTransformer {
    static final String NAME = "dx_filter";
    private static final StringColumn NULL = new StringColumn(null);
    /** A NaN compared with anything: only != holds (primitive double semantics, as in DataX). */
    private static final int UNORDERED = Integer.MIN_VALUE;

    private enum Op { LIKE, NOT_LIKE, GT, LT, EQ, NE, GE, LE }

    private final Op op;
    private final String value;
    private final Pattern regex;

    private FilterTransformer(int columnIndex, Op op, String value, Pattern regex) {
        super(columnIndex);
        this.op = op;
        this.value = value;
        this.regex = regex;
    }

    static Transformer create(TransformerSpec s) {
        Paras.count(s, 3, "dx_filter paras must be 3", "2 values: operator, value");
        String code = s.paras().get(0);
        String value = s.paras().get(1);
        if (value == null || value.isEmpty()) {
            throw Paras.illegal(s, "dx_filter para 2 can't be null");
        }
        Op op = switch (code.toLowerCase(Locale.ROOT)) {
            case "like" -> Op.LIKE;
            case "not like" -> Op.NOT_LIKE;
            case ">" -> Op.GT;
            case "<" -> Op.LT;
            case "=", "==" -> Op.EQ;
            case "!=" -> Op.NE;
            case ">=" -> Op.GE;
            case "<=" -> Op.LE;
            default -> throw Paras.illegal(s, "dx_filter can't support code:" + code
                    + " (use like, not like, >, <, =, ==, !=, >= or <=)");
        };
        Pattern regex = null;
        if (op == Op.LIKE || op == Op.NOT_LIKE) {
            try {
                regex = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw Paras.illegal(s, "dx_filter " + code + " needs a Java regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }
        return new FilterTransformer(s.columnIndex(), op, value, regex);
    }

    @Override
    Record notPresent(Record record, ColumnState state) {
        return state == ColumnState.DELETED ? transform(record, NULL) : record;
    }

    @Override
    Record transform(Record record, Column column) {
        return matches(column) ? null : record;
    }

    private boolean matches(Column column) {
        switch (op) {
            case LIKE:
                return column.asString() != null && regex.matcher(column.asString()).matches();
            case NOT_LIKE:
                return column.asString() == null || !regex.matcher(column.asString()).matches();
            default:
                break;
        }
        if (column.getRawData() == null) {
            return switch (op) {
                case EQ -> value.equalsIgnoreCase("null");
                case NE -> !value.equalsIgnoreCase("null");
                default -> false; // null is neither greater nor smaller than anything
            };
        }
        int cmp = compare(column);
        if (cmp == UNORDERED) {
            return op == Op.NE;
        }
        return switch (op) {
            case GT -> cmp > 0;
            case LT -> cmp < 0;
            case GE -> cmp >= 0;
            case LE -> cmp <= 0;
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            default -> throw new IllegalStateException(op.name());
        };
    }

    private int compare(Column column) {
        switch (column.getType()) {
            case DOUBLE: {
                double ori = column.asDouble();
                double val = Double.parseDouble(value);
                // DataX compares with the primitive operators, not Double.compare
                return ori > val ? 1 : ori < val ? -1 : ori == val ? 0 : UNORDERED;
            }
            case LONG:
            case DATE:
                return Long.compare(column.asLong(), Long.parseLong(value));
            case STRING:
            case BYTES:
            case BOOL:
                return Integer.signum(column.asString().compareTo(value));
            default:
                throw new IllegalStateException("dx_filter can't support this columnType:" + column.getType());
        }
    }
}
