package io.tablesync.tablestore.local.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/** MVStore key type for byte arrays in unsigned lexicographic order (the order {@link KeyCodec} and {@link Keys} keep). */
public final class UnsignedBytesType extends BasicDataType<byte[]> {

    public static final UnsignedBytesType INSTANCE = new UnsignedBytesType();

    @Override
    public int getMemory(byte[] obj) {
        return 24 + obj.length;
    }

    @Override
    public void write(WriteBuffer buff, byte[] obj) {
        buff.putVarInt(obj.length);
        buff.put(obj);
    }

    @Override
    public byte[] read(ByteBuffer buff) {
        int n = org.h2.mvstore.DataUtils.readVarInt(buff);
        byte[] b = new byte[n];
        buff.get(b);
        return b;
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }
}
