package io.tablesync.tablestore.local.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key layouts inside the key spaces. Rows: 8-byte table number, then the {@link KeyCodec} primary key, so one
 * table's rows are contiguous and in primary-key order. Stream logs: 8-byte shard number, then the 8-byte record
 * offset, so a shard's records are contiguous and in append order. Metadata: UTF-8 names.
 */
public final class Keys {

    private Keys() {
    }

    public static byte[] meta(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }


    /** The smallest key greater than every key starting with the prefix (prefixes here never end in 0xff bytes). */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        throw new IllegalArgumentException("prefix has no successor");
    }

    public static byte[] tablePrefix(long tableNo) {
        return longBytes(tableNo);
    }

    public static byte[] row(long tableNo, byte[] encodedPk) {
        byte[] k = new byte[8 + encodedPk.length];
        putLong(k, 0, tableNo);
        System.arraycopy(encodedPk, 0, k, 8, encodedPk.length);
        return k;
    }


    public static byte[] log(long shardNo, long offset) {
        byte[] k = new byte[16];
        putLong(k, 0, shardNo);
        putLong(k, 8, offset);
        return k;
    }

    public static long logOffset(byte[] logKey) {
        return getLong(logKey, 8);
    }

    public static byte[] longBytes(long v) {
        byte[] k = new byte[8];
        putLong(k, 0, v);
        return k;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + 7 - i] = (byte) (v >>> (8 * i));
        }
    }

    public static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
