package io.tablesync.tablestore.local.plainbuffer;

import io.tablesync.tablestore.wire.Crc8;

/** PlainBuffer's checksums of values and cells, built on {@link Crc8}. */
public final class CellChecksum {

    private CellChecksum() {
    }

    /** Checksum contribution of a value: type byte, then the payload as PlainBuffer defines it. */
    public static byte value(byte crc, Value v) {
        crc = Crc8.update(crc, (byte) v.type().code);
        switch (v.type()) {
            case INTEGER:
            case DOUBLE:
                return Crc8.updateLong(crc, v.rawBits());
            case BOOLEAN:
                return Crc8.update(crc, (byte) (v.asBoolean() ? 1 : 0));
            case STRING:
            case BINARY:
                crc = Crc8.updateInt(crc, v.bytes().length);
                return Crc8.update(crc, v.bytes());
            default:
                return crc;
        }
    }

    /** Cell checksum: name, value, timestamp, then op byte (timestamp before op, unlike the wire order). */
    public static byte cell(byte[] nameUtf8, Value value, Long ts, CellOp op) {
        byte crc = Crc8.update((byte) 0, nameUtf8);
        if (value != null) {
            crc = value(crc, value);
        }
        if (ts != null) {
            crc = Crc8.updateLong(crc, ts);
        }
        if (op != null && op != CellOp.PUT) {
            crc = Crc8.update(crc, (byte) op.code);
        }
        return crc;
    }
}
