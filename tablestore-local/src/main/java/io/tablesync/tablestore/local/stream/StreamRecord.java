package io.tablesync.tablestore.local.stream;

import io.tablesync.tablestore.local.storage.Bin;

/**
 * A stored stream record. {@code record} and {@code origin} are already complete PlainBuffer payloads (with the
 * SEQ_INFO extension), so reading a stream is a copy, not an encode.
 *
 * @param action 1 = PUT_ROW, 2 = UPDATE_ROW, 3 = DELETE_ROW (the protocol's ActionType numbers)
 * @param origin before-image payload, or null when the stream has no origin columns
 */
public record StreamRecord(int action, long timestampMicros, byte[] record, byte[] origin) {

    public static final int PUT_ROW = 1;
    public static final int UPDATE_ROW = 2;
    public static final int DELETE_ROW = 3;

    byte[] encode() {
        Bin.Out o = new Bin.Out(record.length + 32);
        o.u8(action).i64(timestampMicros).bytes(record);
        o.bool(origin != null);
        if (origin != null) {
            o.bytes(origin);
        }
        return o.toByteArray();
    }

    /**
     * A stored record read without copying: the PlainBuffer payloads are slices of the stored value, so the
     * response can copy them once, straight into the protobuf message.
     */
    public record View(int action, byte[] buf, int recordOffset, int recordLength, int originOffset, int originLength) {

        public boolean hasOrigin() {
            return originOffset >= 0;
        }
    }

    static View view(byte[] bytes) {
        int action = bytes[0];
        int recLen = readInt(bytes, 9);
        int recOff = 13;
        int flagAt = recOff + recLen;
        if (bytes[flagAt] == 0) {
            return new View(action, bytes, recOff, recLen, -1, 0);
        }
        return new View(action, bytes, recOff, recLen, flagAt + 5, readInt(bytes, flagAt + 1));
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    /** Reads only the timestamp, for expiration checks and timestamp seeks. */
    static long timestampOf(byte[] bytes) {
        Bin.In in = new Bin.In(bytes);
        in.u8();
        return in.i64();
    }
}
