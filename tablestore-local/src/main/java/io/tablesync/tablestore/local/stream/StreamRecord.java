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

    static StreamRecord decode(byte[] bytes) {
        Bin.In in = new Bin.In(bytes);
        int action = in.u8();
        long ts = in.i64();
        byte[] record = in.bytes();
        byte[] origin = in.bool() ? in.bytes() : null;
        return new StreamRecord(action, ts, record, origin);
    }

    /** Reads only the timestamp, for expiration checks and timestamp seeks. */
    static long timestampOf(byte[] bytes) {
        Bin.In in = new Bin.In(bytes);
        in.u8();
        return in.i64();
    }
}
