package io.tablesync.tablestore.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sliced checksum against the definition, one byte at a time through the polynomial (no table). */
class Crc8Test {

    /** CRC-8, polynomial 0x07, bit by bit: the definition the tables are derived from. */
    private static int reference(int crc, byte[] bytes) {
        for (byte b : bytes) {
            crc = (crc ^ b) & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
            }
        }
        return crc;
    }

    private static byte[] littleEndian(long v, int bytes) {
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            out[i] = (byte) (v >>> (8 * i));
        }
        return out;
    }

    @Test
    void arraysOfEveryLengthAroundTheSliceWidthMatchTheDefinition() {
        Random rnd = new Random(11);
        for (int len = 0; len <= 70; len++) {
            for (int trial = 0; trial < 20; trial++) {
                byte[] bytes = new byte[len];
                rnd.nextBytes(bytes);
                int init = rnd.nextInt(256);
                assertEquals(reference(init, bytes), Crc8.update((byte) init, bytes) & 0xff, "length " + len + ", initial " + init);
            }
        }
    }

    @Test
    void integersAreFedLeastSignificantByteFirst() {
        Random rnd = new Random(12);
        for (int trial = 0; trial < 2000; trial++) {
            int init = rnd.nextInt(256);
            long l = trial < 4 ? new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}[trial] : rnd.nextLong();
            int i = (int) l;
            assertEquals(reference(init, littleEndian(l, 8)), Crc8.updateLong((byte) init, l) & 0xff, "long " + l);
            assertEquals(reference(init, littleEndian(i, 4)), Crc8.updateInt((byte) init, i) & 0xff, "int " + i);
            assertEquals(reference(init, new byte[] {(byte) l}), Crc8.update((byte) init, (byte) l) & 0xff);
        }
    }

    @Test
    void aSliceOfAnArrayIsCheckedAloneAndTheWholeArrayByDefault() {
        Random rnd = new Random(13);
        byte[] bytes = new byte[100];
        rnd.nextBytes(bytes);
        for (int from = 0; from <= 20; from++) {
            for (int to = from; to <= 100; to += 7) {
                byte[] slice = java.util.Arrays.copyOfRange(bytes, from, to);
                assertEquals(reference(0, slice), Crc8.update((byte) 0, bytes, from, to) & 0xff, "[" + from + ", " + to + ")");
            }
        }
        assertEquals(reference(0, bytes), Crc8.update((byte) 0, bytes) & 0xff);
    }
}
