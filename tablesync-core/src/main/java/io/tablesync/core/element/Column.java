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

    /** Unsupported unless the type overrides it (DataX's conversion matrix). */
    public Long asLong() {
        throw cannotConvert("Long");
    }

    /** Unsupported unless the type overrides it (DataX's conversion matrix). */
    public Double asDouble() {
        throw cannotConvert("Double");
    }

    /** Unsupported unless the type overrides it (DataX's conversion matrix). */
    public Boolean asBoolean() {
        throw cannotConvert("Bool");
    }

    /** Unsupported unless the type overrides it (DataX's conversion matrix). */
    public Date asDate() {
        throw cannotConvert("Date");
    }

    /** Unsupported unless the type overrides it (DataX's conversion matrix). */
    public byte[] asBytes() {
        throw cannotConvert("Bytes");
    }

    /** Unsupported unless the type overrides it (DataX's conversion matrix). */
    public BigDecimal asBigDecimal() {
        throw cannotConvert("BigDecimal");
    }

    /** Unsupported unless the type overrides it (DataX's conversion matrix). */
    public BigInteger asBigInteger() {
        throw cannotConvert("BigInteger");
    }

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
