package io.tablesync.plugin.stream;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.element.BoolColumn;
import io.tablesync.core.element.BytesColumn;
import io.tablesync.core.element.Column;
import io.tablesync.core.element.DateColumn;
import io.tablesync.core.element.DoubleColumn;
import io.tablesync.core.element.LongColumn;
import io.tablesync.core.element.StringColumn;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Produces one column of every record from a streamreader {@code column} entry:
 * a constant ({@code value}), a random value ({@code random: "min,max"}), or a counter
 * ({@code incr: "start[,step]"}, long only). Constants are built once and shared.
 */
abstract class ColumnGenerator {
    abstract Column next(SplittableRandom random);

    static ColumnGenerator from(Configuration c) {
        String type = c.getString("type");
        if (type == null || type.isBlank()) {
            throw TablesyncException.userError(StreamErrorCode.REQUIRED_VALUE, c.describe("type") + " is required");
        }
        type = type.toLowerCase(Locale.ROOT);
        boolean hasValue = c.get("value") != null;
        String random = c.getString("random");
        String incr = c.getString("incr");
        int functions = (hasValue ? 1 : 0) + (random != null ? 1 : 0) + (incr != null ? 1 : 0);
        if (functions > 1) {
            throw TablesyncException.userError(StreamErrorCode.MIXUP_FUNCTION,
                    c.describe("") + " sets more than one of value, random and incr");
        }
        if (random != null) {
            return randomGenerator(c, type, random);
        }
        if (incr != null) {
            return incrGenerator(c, type, incr);
        }
        Column constant = constant(c, type, c.getString("value"));
        return new ColumnGenerator() {
            @Override
            Column next(SplittableRandom r) {
                return constant;
            }
        };
    }

    private static Column constant(Configuration c, String type, String value) {
        try {
            switch (type) {
                case "string":
                    return new StringColumn(value);
                case "long":
                    return new LongColumn(value);
                case "double":
                    return new DoubleColumn(value);
                case "bool":
                case "boolean":
                    return new BoolColumn(value);
                case "bytes":
                    return new BytesColumn(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
                case "date":
                    if (value == null) {
                        return new DateColumn((Long) null);
                    }
                    return new DateColumn(dateFormat(c).parse(value).getTime());
                default:
                    throw TablesyncException.userError(StreamErrorCode.NOT_SUPPORT_TYPE,
                            c.describe("type") + " is \"" + type + "\"; supported: string, long, double, bool, date, bytes");
            }
        } catch (ParseException e) {
            throw TablesyncException.userError(StreamErrorCode.ILLEGAL_VALUE,
                    c.describe("value") + " \"" + value + "\" does not match dateFormat \"" + c.getString("dateFormat", "yyyy-MM-dd HH:mm:ss") + "\"");
        } catch (TablesyncException e) {
            if (e.errorCode() == StreamErrorCode.NOT_SUPPORT_TYPE) {
                throw e;
            }
            throw TablesyncException.userError(StreamErrorCode.ILLEGAL_VALUE,
                    c.describe("value") + " \"" + value + "\" is not a valid " + type);
        }
    }

    private static SimpleDateFormat dateFormat(Configuration c) {
        SimpleDateFormat f = new SimpleDateFormat(c.getString("dateFormat", "yyyy-MM-dd HH:mm:ss"));
        f.setLenient(false);
        return f;
    }

    private static ColumnGenerator randomGenerator(Configuration c, String type, String spec) {
        String[] parts = spec.split(",");
        if (parts.length != 2) {
            throw TablesyncException.userError(StreamErrorCode.ILLEGAL_VALUE,
                    c.describe("random") + " must be \"min,max\", but is \"" + spec + "\"");
        }
        String lo = parts[0].trim();
        String hi = parts[1].trim();
        try {
            switch (type) {
                case "long": {
                    long min = Long.parseLong(lo), max = Long.parseLong(hi);
                    checkOrder(c, min <= max);
                    return gen(r -> new LongColumn(min == max ? min : r.nextLong(min, max + 1)));
                }
                case "double": {
                    double min = Double.parseDouble(lo), max = Double.parseDouble(hi);
                    checkOrder(c, min <= max);
                    return gen(r -> new DoubleColumn(min == max ? min : r.nextDouble(min, max)));
                }
                case "string":
                case "bytes": {
                    int min = Integer.parseInt(lo), max = Integer.parseInt(hi);
                    checkOrder(c, min <= max && min >= 0);
                    boolean bytes = type.equals("bytes");
                    return gen(r -> {
                        String s = randomString(r, min == max ? min : r.nextInt(min, max + 1));
                        return bytes ? new BytesColumn(s.getBytes(StandardCharsets.UTF_8)) : new StringColumn(s);
                    });
                }
                case "bool":
                case "boolean":
                    return gen(r -> new BoolColumn(r.nextBoolean()));
                case "date": {
                    SimpleDateFormat f = dateFormat(c);
                    long min = f.parse(lo).getTime(), max = f.parse(hi).getTime();
                    checkOrder(c, min <= max);
                    return gen(r -> new DateColumn(min == max ? min : r.nextLong(min, max + 1)));
                }
                default:
                    throw TablesyncException.userError(StreamErrorCode.NOT_SUPPORT_TYPE,
                            c.describe("type") + " is \"" + type + "\"; supported: string, long, double, bool, date, bytes");
            }
        } catch (NumberFormatException | ParseException e) {
            throw TablesyncException.userError(StreamErrorCode.ILLEGAL_VALUE,
                    c.describe("random") + " \"" + spec + "\" is not a valid range for type " + type);
        }
    }

    private static ColumnGenerator incrGenerator(Configuration c, String type, String spec) {
        if (!type.equals("long")) {
            throw TablesyncException.userError(StreamErrorCode.ILLEGAL_VALUE, c.describe("incr") + " is supported for type long only");
        }
        String[] parts = spec.split(",");
        try {
            long start = Long.parseLong(parts[0].trim());
            long step = parts.length > 1 ? Long.parseLong(parts[1].trim()) : 1;
            return new ColumnGenerator() {
                long current = start;

                @Override
                Column next(SplittableRandom r) {
                    long v = current;
                    current += step;
                    return new LongColumn(v);
                }
            };
        } catch (NumberFormatException e) {
            throw TablesyncException.userError(StreamErrorCode.ILLEGAL_VALUE,
                    c.describe("incr") + " must be \"start[,step]\", but is \"" + spec + "\"");
        }
    }

    private static void checkOrder(Configuration c, boolean ok) {
        if (!ok) {
            throw TablesyncException.userError(StreamErrorCode.ILLEGAL_VALUE, c.describe("random") + ": min must not exceed max");
        }
    }

    private static String randomString(SplittableRandom r, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) ('a' + r.nextInt(26));
        }
        return new String(chars);
    }

    private interface Fn {
        Column make(SplittableRandom r);
    }

    private static ColumnGenerator gen(Fn fn) {
        return new ColumnGenerator() {
            @Override
            Column next(SplittableRandom r) {
                return fn.make(r);
            }
        };
    }
}
