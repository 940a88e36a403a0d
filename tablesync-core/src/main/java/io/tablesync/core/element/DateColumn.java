package io.tablesync.core.element;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Date;

/** Epoch milliseconds plus DataX's sub-type, which picks the format used by {@link #asString()}. */
public final class DateColumn extends Column {
    public enum DateType { DATE, TIME, DATETIME }

    private final Long millis;
    private final DateType subType;

    public DateColumn(Long millis, DateType subType) {
        super(Type.DATE, 8);
        this.millis = millis;
        this.subType = subType;
    }

    public DateColumn(Long millis) {
        this(millis, DateType.DATETIME);
    }

    public DateColumn(long millis) {
        this(Long.valueOf(millis), DateType.DATETIME);
    }

    public DateColumn(Date date) {
        this(date == null ? null : date.getTime(), DateType.DATETIME);
    }

    public DateType subType() {
        return subType;
    }

    @Override
    public Object getRawData() {
        return millis;
    }

    @Override
    public String asString() {
        return millis == null ? null : ColumnCast.date2String(millis, subType);
    }

    @Override
    public Long asLong() {
        return millis;
    }

    @Override
    public Double asDouble() {
        return millis == null ? null : millis.doubleValue();
    }

    @Override
    public Date asDate() {
        return millis == null ? null : new Date(millis);
    }

    @Override
    public BigDecimal asBigDecimal() {
        return millis == null ? null : BigDecimal.valueOf(millis);
    }

    @Override
    public BigInteger asBigInteger() {
        return millis == null ? null : BigInteger.valueOf(millis);
    }
}
