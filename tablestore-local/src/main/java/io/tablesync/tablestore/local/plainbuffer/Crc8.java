package io.tablesync.tablestore.local.plainbuffer;

/**
 * CRC-8 as PlainBuffer uses it: polynomial 0x07, initial value 0, no reflection, no final xor.
 * Multi-byte integers are fed least-significant byte first.
 */
public final class Crc8 {

    private static final byte[] TABLE = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 0x80) != 0 ? ((c << 1) ^ 0x07) : (c << 1);
            }
            TABLE[i] = (byte) c;
        }
    }

    private Crc8() {
    }

    public static byte update(byte crc, byte b) {
        return TABLE[(crc ^ b) & 0xff];
    }

    public static byte update(byte crc, byte[] bytes) {
        for (byte b : bytes) {
            crc = TABLE[(crc ^ b) & 0xff];
        }
        return crc;
    }

    public static byte updateInt(byte crc, int v) {
        for (int i = 0; i < 4; i++) {
            crc = TABLE[(crc ^ (byte) (v >>> (8 * i))) & 0xff];
        }
        return crc;
    }

    public static byte updateLong(byte crc, long v) {
        for (int i = 0; i < 8; i++) {
            crc = TABLE[(crc ^ (byte) (v >>> (8 * i))) & 0xff];
        }
        return crc;
    }

    /** Checksum contribution of a value: type byte, then the payload as PlainBuffer defines it. */
    public static byte updateValue(byte crc, Value v) {
        crc = update(crc, (byte) v.type().code);
        switch (v.type()) {
            case INTEGER:
            case DOUBLE:
                return updateLong(crc, v.rawBits());
            case BOOLEAN:
                return update(crc, (byte) (v.asBoolean() ? 1 : 0));
            case STRING:
            case BINARY:
                crc = updateInt(crc, v.bytes().length);
                return update(crc, v.bytes());
            default:
                return crc;
        }
    }

    /** Cell checksum: name, value, timestamp, then op byte (timestamp before op, unlike the wire order). */
    public static byte cell(byte[] nameUtf8, Value value, Long ts, CellOp op) {
        byte crc = update((byte) 0, nameUtf8);
        if (value != null) {
            crc = updateValue(crc, value);
        }
        if (ts != null) {
            crc = updateLong(crc, ts);
        }
        if (op != null && op != CellOp.PUT) {
            crc = update(crc, (byte) op.code);
        }
        return crc;
    }
}
