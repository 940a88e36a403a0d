package io.tablesync.core.element;

import io.tablesync.core.CommonErrorCode;
import io.tablesync.core.TablesyncException;
import java.math.BigDecimal;
import java.math.BigInteger;

/** A floating-point value kept as DataX keeps it: a plain decimal string, so no precision is invented. */
public final class DoubleColumn extends Column {
    private final String value;

    public DoubleColumn(String value) {
        super(Type.DOUBLE, value == null ? 0 : value.length());
        this.value = value == null ? null : normalize(value);
    }

    public DoubleColumn(double value) {
        this(Double.isNaN(value) || Double.isInfinite(value) ? Double.toString(value)
                : new BigDecimal(Double.toString(value)).toPlainString());
    }

    public DoubleColumn(Double value) {
        this(value == null ? null : (Double.isNaN(value) || Double.isInfinite(value) ? value.toString()
                : new BigDecimal(value.toString()).toPlainString()));
    }

    public DoubleColumn(float value) {
        this(Float.isNaN(value) || Float.isInfinite(value) ? Float.toString(value)
                : new BigDecimal(Float.toString(value)).toPlainString());
    }

    public DoubleColumn(BigDecimal value) {
        this(value == null ? null : value.toPlainString());
    }

    private static String normalize(String v) {
        String t = v.trim();
        if (DecimalText.isSpecial(t)) {
            return t;
        }
        try {
            new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw TablesyncException.userError(CommonErrorCode.CONVERT_NOT_SUPPORT,
                    String.format("String[\"%s\"]不能转为Double .", v));
        }
        return t;
    }

    @Override
    public Object getRawData() {
        return value;
    }

    @Override
    public String asString() {
        return value;
    }

    @Override
    public Long asLong() {
        return value == null ? null : DecimalText.toLong(value, this::cannotConvert);
    }

    @Override
    public Double asDouble() {
        return value == null ? null : DecimalText.toDouble(value, this::cannotConvert);
    }

    @Override
    public BigDecimal asBigDecimal() {
        return value == null ? null : DecimalText.toBigDecimal(value, this::cannotConvert);
    }

    @Override
    public BigInteger asBigInteger() {
        BigDecimal d = asBigDecimal();
        return d == null ? null : d.toBigInteger();
    }
}
