package io.tablesync.tablestore.local.rowmatrix;

import static io.tablesync.tablestore.wire.SimpleRowMatrix.FORMAT_MARKER;
import static io.tablesync.tablestore.wire.SimpleRowMatrix.TAG_CHECKSUM;
import static io.tablesync.tablestore.wire.SimpleRowMatrix.TAG_ENTIRE_PRIMARY_KEYS;
import static io.tablesync.tablestore.wire.SimpleRowMatrix.TAG_ROW;
import static io.tablesync.tablestore.wire.SimpleRowMatrix.TAG_ROW_COUNT;
import static io.tablesync.tablestore.wire.SimpleRowMatrix.TYPE_NULL;

import io.tablesync.tablestore.local.plainbuffer.Cell;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.wire.Crc8;
import io.tablesync.tablestore.wire.SimpleRowMatrix;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a BulkExport block in the {@link SimpleRowMatrix} layout: every row has one value per field, in the same
 * field order, so the field names are written once in a header instead of with every cell. Value type bytes are
 * PlainBuffer's, which the layout shares.
 */
public final class SimpleRowMatrixWriter {

    private byte[] buf;
    private int len;

    private SimpleRowMatrixWriter(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    /**
     * One block.
     *
     * @param keyFields the key columns the block carries, in schema order (a subset when the request asked for some)
     * @param entireKey whether {@code keyFields} is the table's whole primary key
     * @param attributeFields the attribute columns, in block order; a row's other attributes are left out
     * @param rows rows whose primary key holds every key column and whose cells hold one version per column
     */
    public static byte[] encode(List<String> keyFields, boolean entireKey, List<String> attributeFields,
                                List<PbRow> rows) {
        SimpleRowMatrixWriter w = new SimpleRowMatrixWriter(64 + rows.size() * 16 * (keyFields.size() + attributeFields.size()));
        w.writeInt(FORMAT_MARKER);
        int offsets = w.len;
        w.writeInt(0); // data offset, filled in below
        w.writeInt(0); // options offset
        w.writeInt(keyFields.size());
        w.writeInt(attributeFields.size());
        for (String name : keyFields) {
            w.writeName(name);
        }
        for (String name : attributeFields) {
            w.writeName(name);
        }
        w.putInt(offsets + 4, w.len);
        w.writeByte(TAG_ENTIRE_PRIMARY_KEYS);
        w.writeByte(entireKey ? 1 : 0);
        w.writeByte(TAG_ROW_COUNT);
        w.writeInt(rows.size());
        w.putInt(offsets, w.len);

        Map<String, Integer> attributeIndex = new HashMap<>();
        for (int i = 0; i < attributeFields.size(); i++) {
            attributeIndex.put(attributeFields.get(i), i);
        }
        Value[] attributes = new Value[attributeFields.size()];
        for (PbRow row : rows) {
            w.writeByte(TAG_ROW);
            for (String name : keyFields) {
                w.writeValue(keyValue(row, name));
            }
            Arrays.fill(attributes, null);
            for (Cell c : row.cells()) {
                Integer i = attributeIndex.get(c.name());
                if (i != null && attributes[i] == null) {
                    attributes[i] = c.value(); // the first version is the newest
                }
            }
            for (Value v : attributes) {
                w.writeValue(v);
            }
        }
        w.writeByte(TAG_CHECKSUM);
        w.writeByte(Crc8.update((byte) 0, w.buf, 0, w.len));
        return Arrays.copyOf(w.buf, w.len);
    }

    private static Value keyValue(PbRow row, String name) {
        for (Cell c : row.primaryKey()) {
            if (c.name().equals(name)) {
                return c.value();
            }
        }
        throw new IllegalArgumentException("row lacks key column " + name);
    }

    private void writeValue(Value v) {
        if (v == null) {
            writeByte(TYPE_NULL);
            return;
        }
        writeByte(v.type().code);
        switch (v.type()) {
            case INTEGER, DOUBLE -> writeLong(v.rawBits());
            case BOOLEAN -> writeByte(v.asBoolean() ? 1 : 0);
            case STRING, BINARY -> {
                writeInt(v.bytes().length);
                writeBytes(v.bytes());
            }
            default -> throw new IllegalArgumentException("a block holds no " + v.type() + " value");
        }
    }

    private void writeName(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        ensure(2);
        buf[len++] = (byte) utf8.length;
        buf[len++] = (byte) (utf8.length >>> 8);
        writeBytes(utf8);
    }

    private void writeByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    private void writeInt(int v) {
        ensure(4);
        putInt(len, v);
        len += 4;
    }

    private void putInt(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
        buf[at + 2] = (byte) (v >>> 16);
        buf[at + 3] = (byte) (v >>> 24);
    }

    private void writeLong(long v) {
        writeInt((int) v);
        writeInt((int) (v >>> 32));
    }

    private void writeBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
