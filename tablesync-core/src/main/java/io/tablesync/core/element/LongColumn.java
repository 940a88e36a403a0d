package io.tablesync.core.element;

import io.tablesync.core.CommonErrorCode;
import io.tablesync.core.TablesyncException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Date;

/** An integer. Values beyond long range (from strings or BigInteger) keep full precision. */
public final class LongColumn extends Column {
    private final long value;
    private final BigInteger big; // only for values outside long range
    private final boolean isNull;

    public LongColumn(long value) {
        super(Type.LONG, 8);
        this.value = value;
        this.big = null;
        this.isNull = false;
    }

    public LongColumn(Long value) {
        super(Type.LONG, 8);
        this.value = value == null ? 0 : value;
        this.big = null;
        this.isNull = value == null;
    }

    public LongColumn(Integer value) {
        this(value == null ? null : Long.valueOf(value));
    }

    public LongColumn(BigInteger value) {
        super(Type.LONG, 8);
        this.isNull = value == null;
        boolean fits = value != null && value.bitLength() <= 63;
        this.value = fits ? value.longValue() : 0;
        this.big = value != null && !fits ? value : null;
    }

    /** Parses a decimal string, as DataX does; the byte size is then the string's length. */
    public LongColumn(String value) {
        super(Type.LONG, value == null ? 0 : value.length());
        this.isNull = value == null;
        if (value == null) {
            this.value = 0;
            this.big = null;
            return;
        }
        BigInteger parsed;
        try {
            parsed = new BigDecimal(value.trim()).toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw TablesyncException.userError(CommonErrorCode.CONVERT_NOT_SUPPORT,
                    String.format("String[\"%s\"]不能转为Long .", value));
        }
        boolean fits = parsed.bitLength() <= 63;
        this.value = fits ? parsed.longValue() : 0;
        this.big = fits ? null : parsed;
    }

    @Override
    public Object getRawData() {
        return isNull ? null : asBigInteger();
    }

    @Override
    public boolean isNull() {
        return isNull;
    }

    @Override
    public String asString() {
        return isNull ? null : big != null ? big.toString() : Long.toString(value);
    }

    @Override
    public Long asLong() {
        if (isNull) {
            return null;
        }
        if (big != null) {
            throw TablesyncException.userError(CommonErrorCode.CONVERT_OVER_FLOW,
                    String.format("[%s]超出Long范围 .", big));
        }
        return value;
    }

    @Override
    public Double asDouble() {
        return isNull ? null : big != null ? big.doubleValue() : (double) value;
    }

    @Override
    public Boolean asBoolean() {
        return isNull ? null : big != null ? big.signum() != 0 : value != 0;
    }

    @Override
    public Date asDate() {
        return isNull ? null : new Date(asLong());
    }

    @Override
    public BigDecimal asBigDecimal() {
        return isNull ? null : new BigDecimal(asBigInteger());
    }

    @Override
    public BigInteger asBigInteger() {
        return isNull ? null : big != null ? big : BigInteger.valueOf(value);
    }
}
