package io.tablesync.core.element;

import io.tablesync.core.CommonErrorCode;
import io.tablesync.core.TablesyncException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Date;

public final class StringColumn extends Column {
    private final String value;

    public StringColumn(String value) {
        super(Type.STRING, value == null ? 0 : value.length());
        this.value = value;
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
        if (value == null) {
            return null;
        }
        BigInteger big = asBigInteger();
        if (big.bitLength() > 63) {
            throw TablesyncException.userError(CommonErrorCode.CONVERT_OVER_FLOW,
                    String.format("[\"%s\"]超出Long范围 .", value));
        }
        return big.longValue();
    }

    @Override
    public Double asDouble() {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if ("NaN".equals(v)) {
            return Double.NaN;
        }
        if ("Infinity".equals(v)) {
            return Double.POSITIVE_INFINITY;
        }
        if ("-Infinity".equals(v)) {
            return Double.NEGATIVE_INFINITY;
        }
        return asBigDecimal().doubleValue();
    }

    @Override
    public Boolean asBoolean() {
        if (value == null) {
            return null;
        }
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw cannotConvert("Bool");
    }

    @Override
    public Date asDate() {
        return value == null ? null : ColumnCast.string2Date(value);
    }

    @Override
    public byte[] asBytes() {
        return value == null ? null : value.getBytes(ColumnCast.settings().encoding());
    }

    @Override
    public BigDecimal asBigDecimal() {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.equals("NaN") || v.endsWith("Infinity")) {
            throw cannotConvert("BigDecimal");
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw cannotConvert("BigDecimal");
        }
    }

    @Override
    public BigInteger asBigInteger() {
        BigDecimal d = asBigDecimal();
        return d == null ? null : d.toBigInteger();
    }
}
