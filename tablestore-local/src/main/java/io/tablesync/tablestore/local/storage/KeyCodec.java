package io.tablesync.tablestore.local.storage;

import io.tablesync.tablestore.local.plainbuffer.Value;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Encodes a primary key into bytes whose unsigned lexicographic order is Tablestore's primary-key order, so the
 * row map can be a plain sorted byte-array map. Each column starts with a marker: 0 = INF_MIN, 1 = a value,
 * 2 = INF_MAX; the key ends at the first infinite column because nothing after it can change the order.
 * Integers are big-endian with the sign bit flipped; strings and binaries escape 0x00 as 0x00 0xFF and end
 * with 0x00 0x01, which keeps prefixes ordered before their extensions.
 */
public final class KeyCodec {

    private KeyCodec() {
    }

    public static byte[] encode(List<Value> pk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        for (Value v : pk) {
            if (v.type() == Value.Type.INF_MIN) {
                out.write(0);
                break;
            }
            if (v.type() == Value.Type.INF_MAX) {
                out.write(2);
                break;
            }
            out.write(1);
            switch (v.type()) {
                case INTEGER: {
                    long x = v.asLong() ^ Long.MIN_VALUE;
                    for (int i = 7; i >= 0; i--) {
                        out.write((int) (x >>> (8 * i)));
                    }
                    break;
                }
                case STRING:
                case BINARY:
                    for (byte b : v.bytes()) {
                        out.write(b);
                        if (b == 0) {
                            out.write(0xff);
                        }
                    }
                    out.write(0);
                    out.write(1);
                    break;
                default:
                    throw new IllegalArgumentException("Not a primary key type: " + v.type());
            }
        }
        return out.toByteArray();
    }
}
