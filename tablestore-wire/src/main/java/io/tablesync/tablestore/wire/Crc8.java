package io.tablesync.tablestore.wire;

/**
 * CRC-8 as Tablestore's PlainBuffer and SimpleRowMatrix formats use it: polynomial 0x07, initial value 0, no
 * reflection, no final xor. Multi-byte integers are fed least-significant byte first.
 *
 * <p>Byte arrays and integers are folded eight (or four) bytes at a time ("slicing"): a CRC without reflection or
 * final xor is linear, so the checksum after bytes b0..b7 is T⁸[crc ^ b0] ^ T⁷[b1] ^ … ^ T¹[b7], where Tᵏ is the
 * table applied k times. The eight look-ups do not wait on each other, unlike the byte-at-a-time chain, which is
 * what the SDK's own checksum does (it was a fifth of a snapshot's CPU when used for whole blocks).
 */
public final class Crc8 {

    private static final byte[] TABLE = new byte[256];
    /** SLICE[k][i]: the table applied k + 1 times to i. */
    private static final int[][] SLICE = new int[8][256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 0x80) != 0 ? ((c << 1) ^ 0x07) : (c << 1);
            }
            TABLE[i] = (byte) c;
            SLICE[0][i] = c & 0xff;
        }
        for (int k = 1; k < 8; k++) {
            for (int i = 0; i < 256; i++) {
                SLICE[k][i] = SLICE[0][SLICE[k - 1][i]];
            }
        }
    }

    private Crc8() {
    }

    public static byte update(byte crc, byte b) {
        return TABLE[(crc ^ b) & 0xff];
    }

    public static byte update(byte crc, byte[] bytes) {
        return update(crc, bytes, 0, bytes.length);
    }

    /** Checksum of {@code bytes[from, to)} folded into {@code crc}. */
    public static byte update(byte crc, byte[] bytes, int from, int to) {
        int[] t0 = SLICE[0];
        int[] t1 = SLICE[1];
        int[] t2 = SLICE[2];
        int[] t3 = SLICE[3];
        int[] t4 = SLICE[4];
        int[] t5 = SLICE[5];
        int[] t6 = SLICE[6];
        int[] t7 = SLICE[7];
        int c = crc & 0xff;
        int i = from;
        for (int end = to - 7; i < end; i += 8) {
            c = t7[(c ^ bytes[i]) & 0xff] ^ t6[bytes[i + 1] & 0xff] ^ t5[bytes[i + 2] & 0xff] ^ t4[bytes[i + 3] & 0xff]
                    ^ t3[bytes[i + 4] & 0xff] ^ t2[bytes[i + 5] & 0xff] ^ t1[bytes[i + 6] & 0xff] ^ t0[bytes[i + 7] & 0xff];
        }
        for (; i < to; i++) {
            c = t0[(c ^ bytes[i]) & 0xff];
        }
        return (byte) c;
    }

    public static byte updateInt(byte crc, int v) {
        int c = crc & 0xff;
        return (byte) (SLICE[3][(c ^ v) & 0xff] ^ SLICE[2][(v >>> 8) & 0xff] ^ SLICE[1][(v >>> 16) & 0xff] ^ SLICE[0][v >>> 24]);
    }

    public static byte updateLong(byte crc, long v) {
        int c = crc & 0xff;
        int lo = (int) v;
        int hi = (int) (v >>> 32);
        return (byte) (SLICE[7][(c ^ lo) & 0xff] ^ SLICE[6][(lo >>> 8) & 0xff] ^ SLICE[5][(lo >>> 16) & 0xff] ^ SLICE[4][lo >>> 24]
                ^ SLICE[3][hi & 0xff] ^ SLICE[2][(hi >>> 8) & 0xff] ^ SLICE[1][(hi >>> 16) & 0xff] ^ SLICE[0][hi >>> 24]);
    }
}
