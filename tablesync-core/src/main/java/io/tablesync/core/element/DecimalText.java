package io.tablesync.core.element;

import io.tablesync.core.CommonErrorCode;
import io.tablesync.core.TablesyncException;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * Numbers kept as decimal text (StringColumn, DoubleColumn) convert the same way: "NaN" and
 * "±Infinity" are doubles but not decimals; integer conversions truncate and check the long range.
 */
final class DecimalText {
    private DecimalText() {
    }

    static boolean isSpecial(String v) {
        return v.equals("NaN") || v.equals("Infinity") || v.equals("-Infinity");
    }

    static Double toDouble(String text, Function<String, RuntimeException> cannotConvert) {
        String v = text.trim();
        switch (v) {
            case "NaN":
                return Double.NaN;
            case "Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return toBigDecimal(v, cannotConvert).doubleValue();
        }
    }

    static BigDecimal toBigDecimal(String text, Function<String, RuntimeException> cannotConvert) {
        String v = text.trim();
        if (isSpecial(v)) {
            throw cannotConvert.apply("BigDecimal");
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw cannotConvert.apply("BigDecimal");
        }
    }

    static Long toLong(String text, Function<String, RuntimeException> cannotConvert) {
        java.math.BigInteger b = toBigDecimal(text, cannotConvert).toBigInteger();
        if (b.bitLength() > 63) {
            throw TablesyncException.userError(CommonErrorCode.CONVERT_OVER_FLOW, String.format("[\"%s\"]超出Long范围 .", text));
        }
        return b.longValue();
    }
}
