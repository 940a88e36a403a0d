package io.tablesync.tablestore.local.storage;

import io.tablesync.tablestore.local.plainbuffer.Value;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Minimal growable binary writer and cursor reader for our stored records (rows, table and stream metadata).
 * Big-endian, length-prefixed strings. Kept tiny on purpose: the storage engine does the hard part.
 */
public final class Bin {

    private Bin() {
    }

    /** Growable output buffer. */
    public static final class Out {
        private byte[] buf;
        private int len;

        public Out(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        private void ensure(int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        public Out u8(int v) {
            ensure(1);
            buf[len++] = (byte) v;
            return this;
        }

        public Out i32(int v) {
            ensure(4);
            buf[len++] = (byte) (v >>> 24);
            buf[len++] = (byte) (v >>> 16);
            buf[len++] = (byte) (v >>> 8);
            buf[len++] = (byte) v;
            return this;
        }

        public Out i64(long v) {
            ensure(8);
            for (int i = 7; i >= 0; i--) {
                buf[len++] = (byte) (v >>> (8 * i));
            }
            return this;
        }

        public Out bytes(byte[] b) {
            i32(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            return this;
        }

        public Out str(String s) {
            return bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        /** Nullable string: a presence byte, then the string. */
        public Out optStr(String s) {
            u8(s == null ? 0 : 1);
            return s == null ? this : str(s);
        }

        /** Nullable byte array: a presence byte, then the bytes. */
        public Out optBytes(byte[] b) {
            u8(b == null ? 0 : 1);
            return b == null ? this : bytes(b);
        }

        public Out bool(boolean b) {
            return u8(b ? 1 : 0);
        }

        public Out value(Value v) {
            u8(v.type().code);
            switch (v.type()) {
                case INTEGER:
                case DOUBLE:
                case BOOLEAN:
                    return i64(v.rawBits());
                case STRING:
                case BINARY:
                    return bytes(v.bytes());
                default:
                    return this;
            }
        }

        public byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }

    /** Cursor over a byte array written by {@link Out}. */
    public static final class In {
        private final byte[] buf;
        private int pos;

        public In(byte[] buf) {
            this.buf = buf;
        }

        public int u8() {
            return buf[pos++] & 0xff;
        }

        public int i32() {
            int v = (buf[pos] & 0xff) << 24 | (buf[pos + 1] & 0xff) << 16 | (buf[pos + 2] & 0xff) << 8 | (buf[pos + 3] & 0xff);
            pos += 4;
            return v;
        }

        public long i64() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (buf[pos++] & 0xff);
            }
            return v;
        }

        public byte[] bytes() {
            int n = i32();
            byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return out;
        }

        public String str() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        public String optStr() {
            return u8() == 0 ? null : str();
        }

        public byte[] optBytes() {
            return u8() == 0 ? null : bytes();
        }

        public boolean bool() {
            return u8() != 0;
        }

        public Value value() {
            Value.Type t = Value.Type.ofCode(u8());
            switch (t) {
                case INTEGER:
                    return Value.ofInteger(i64());
                case DOUBLE:
                    return Value.ofDouble(Double.longBitsToDouble(i64()));
                case BOOLEAN:
                    return Value.ofBoolean(i64() != 0);
                case STRING:
                    return Value.ofStringUtf8(bytes());
                case BINARY:
                    return Value.ofBinary(bytes());
                case INF_MIN:
                    return Value.INF_MIN;
                case INF_MAX:
                    return Value.INF_MAX;
                default:
                    return Value.AUTO_INCREMENT;
            }
        }

        public boolean hasMore() {
            return pos < buf.length;
        }
    }
}
