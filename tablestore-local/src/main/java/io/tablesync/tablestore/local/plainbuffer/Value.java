package io.tablesync.tablestore.local.plainbuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One typed Tablestore value: a primary-key value, an attribute value, or a range bound (INF_MIN/INF_MAX) or the
 * auto-increment placeholder. Immutable. Strings are kept as UTF-8 bytes because Tablestore orders them byte-wise.
 */
public final class Value implements Comparable<Value> {

    /** Value types with their PlainBuffer type byte. */
    public enum Type {
        INTEGER(0x00), DOUBLE(0x01), BOOLEAN(0x02), STRING(0x03), BINARY(0x07),
        INF_MIN(0x09), INF_MAX(0x0A), AUTO_INCREMENT(0x0B);

        public final int code;

        Type(int code) {
            this.code = code;
        }

        public static Type ofCode(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new PlainBufferException("Unknown value type: " + code);
        }
    }

    public static final Value INF_MIN = new Value(Type.INF_MIN, 0, null);
    public static final Value INF_MAX = new Value(Type.INF_MAX, 0, null);
    public static final Value AUTO_INCREMENT = new Value(Type.AUTO_INCREMENT, 0, null);

    private final Type type;
    /** INTEGER value, DOUBLE bits, or BOOLEAN 0/1. */
    private final long bits;
    /** STRING (UTF-8) or BINARY payload. */
    private final byte[] bytes;

    private Value(Type type, long bits, byte[] bytes) {
        this.type = type;
        this.bits = bits;
        this.bytes = bytes;
    }

    public static Value ofInteger(long v) {
        return new Value(Type.INTEGER, v, null);
    }

    public static Value ofDouble(double v) {
        return new Value(Type.DOUBLE, Double.doubleToRawLongBits(v), null);
    }

    public static Value ofBoolean(boolean v) {
        return new Value(Type.BOOLEAN, v ? 1 : 0, null);
    }

    public static Value ofString(String v) {
        return new Value(Type.STRING, 0, v.getBytes(StandardCharsets.UTF_8));
    }

    public static Value ofStringUtf8(byte[] utf8) {
        return new Value(Type.STRING, 0, utf8);
    }

    public static Value ofBinary(byte[] v) {
        return new Value(Type.BINARY, 0, v);
    }

    public Type type() {
        return type;
    }

    public boolean isInfinite() {
        return type == Type.INF_MIN || type == Type.INF_MAX;
    }

    public long asLong() {
        return bits;
    }

    public long rawBits() {
        return bits;
    }

    public double asDouble() {
        return Double.longBitsToDouble(bits);
    }

    public boolean asBoolean() {
        return bits != 0;
    }

    public String asString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** UTF-8 bytes of a STRING, raw bytes of a BINARY; shared, do not modify. */
    public byte[] bytes() {
        return bytes;
    }

    /**
     * Tablestore order: INF_MIN below everything, INF_MAX above; integers signed; strings and binaries
     * byte-wise unsigned. Values of different finite types compare by type code (callers validate types first).
     */
    @Override
    public int compareTo(Value o) {
        if (type == o.type) {
            switch (type) {
                case INTEGER:
                    return Long.compare(bits, o.bits);
                case DOUBLE:
                    return Double.compare(asDouble(), o.asDouble());
                case BOOLEAN:
                    return Long.compare(bits, o.bits);
                case STRING:
                case BINARY:
                    return Arrays.compareUnsigned(bytes, o.bytes);
                default:
                    return 0;
            }
        }
        if (type == Type.INF_MIN || o.type == Type.INF_MAX) {
            return -1;
        }
        if (type == Type.INF_MAX || o.type == Type.INF_MIN) {
            return 1;
        }
        return Integer.compare(type.code, o.type.code);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Value)) {
            return false;
        }
        Value v = (Value) o;
        return type == v.type && bits == v.bits && Arrays.equals(bytes, v.bytes);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Long.hashCode(bits) * 17 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        switch (type) {
            case INTEGER:
                return Long.toString(bits);
            case DOUBLE:
                return Double.toString(asDouble());
            case BOOLEAN:
                return Boolean.toString(asBoolean());
            case STRING:
                return '"' + asString() + '"';
            case BINARY:
                return "bytes[" + bytes.length + "]";
            default:
                return type.name();
        }
    }
}
