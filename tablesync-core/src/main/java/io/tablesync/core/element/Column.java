package io.tablesync.core.element;

import io.tablesync.core.CommonErrorCode;
import io.tablesync.core.TablesyncException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Date;

/**
 * One typed value, with DataX's types and conversion rules. A null value is a typed column whose
 * raw data is null (e.g. {@code new StringColumn(null)}); every {@code asX()} then returns null.
 *
 * <p>Columns are immutable, so a reader may share one instance across records (streamreader's
 * constant columns do, which keeps the engine's hot path allocation-light).
 */
public abstract class Column {
    /** DataX's type enum; ordinals are part of the dirty-record JSON, so the order is fixed. */
    public enum Type { BAD, NULL, INT, LONG, DOUBLE, STRING, BOOL, DATE, BYTES }

    private final Type type;
    private final int byteSize;

    protected Column(Type type, int byteSize) {
        this.type = type;
        this.byteSize = byteSize;
    }

    public final Type getType() {
        return type;
    }

    /** Size counted by the engine's byte statistics (DataX's definition, see research §2.7). */
    public final int getByteSize() {
        return byteSize;
    }

    public abstract Object getRawData();

    public boolean isNull() {
        return getRawData() == null;
    }

    public abstract String asString();

    public abstract Long asLong();

    public abstract Double asDouble();

    public abstract Boolean asBoolean();

    public abstract Date asDate();

    public abstract byte[] asBytes();

    public abstract BigDecimal asBigDecimal();

    public abstract BigInteger asBigInteger();

    final TablesyncException cannotConvert(String target) {
        return TablesyncException.userError(CommonErrorCode.CONVERT_NOT_SUPPORT,
                String.format("%s[\"%s\"]不能转为%s .", type, asStringSafe(), target));
    }

    private String asStringSafe() {
        try {
            return String.valueOf(asString());
        } catch (RuntimeException e) {
            return String.valueOf(getRawData());
        }
    }

    @Override
    public String toString() {
        return type + ":" + getRawData();
    }
}
