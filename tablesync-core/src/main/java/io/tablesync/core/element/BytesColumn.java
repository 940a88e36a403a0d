package io.tablesync.core.element;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Date;

public final class BytesColumn extends Column {
    private final byte[] value;

    public BytesColumn(byte[] value) {
        super(Type.BYTES, value == null ? 0 : value.length);
        this.value = value;
    }

    @Override
    public Object getRawData() {
        return value;
    }

    @Override
    public String asString() {
        return value == null ? null : new String(value, ColumnCast.settings().encoding());
    }

    @Override
    public Long asLong() {
        throw cannotConvert("Long");
    }

    @Override
    public Double asDouble() {
        throw cannotConvert("Double");
    }

    @Override
    public Boolean asBoolean() {
        throw cannotConvert("Bool");
    }

    @Override
    public Date asDate() {
        throw cannotConvert("Date");
    }

    @Override
    public byte[] asBytes() {
        return value;
    }

    @Override
    public BigDecimal asBigDecimal() {
        throw cannotConvert("BigDecimal");
    }

    @Override
    public BigInteger asBigInteger() {
        throw cannotConvert("BigInteger");
    }
}
