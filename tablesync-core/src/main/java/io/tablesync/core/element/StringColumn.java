package io.tablesync.core.element;

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
        return value == null ? null : DecimalText.toLong(value, this::cannotConvert);
    }

    @Override
    public Double asDouble() {
        return value == null ? null : DecimalText.toDouble(value, this::cannotConvert);
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
        return value == null ? null : DecimalText.toBigDecimal(value, this::cannotConvert);
    }

    @Override
    public BigInteger asBigInteger() {
        BigDecimal d = asBigDecimal();
        return d == null ? null : d.toBigInteger();
    }
}
