package io.tablesync.core.element;

import java.math.BigDecimal;
import java.math.BigInteger;

public final class BoolColumn extends Column {
    private final Boolean value;

    public BoolColumn(Boolean value) {
        super(Type.BOOL, 1);
        this.value = value;
    }

    public BoolColumn(String value) {
        this(value == null ? null : new StringColumn(value).asBoolean());
    }

    @Override
    public Object getRawData() {
        return value;
    }

    @Override
    public String asString() {
        return value == null ? null : value ? "true" : "false";
    }

    @Override
    public Long asLong() {
        return value == null ? null : value ? 1L : 0L;
    }

    @Override
    public Double asDouble() {
        return value == null ? null : value ? 1.0d : 0.0d;
    }

    @Override
    public Boolean asBoolean() {
        return value;
    }

    @Override
    public BigDecimal asBigDecimal() {
        return value == null ? null : BigDecimal.valueOf(asLong());
    }

    @Override
    public BigInteger asBigInteger() {
        return value == null ? null : BigInteger.valueOf(asLong());
    }
}
