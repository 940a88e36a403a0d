package io.tablesync.plugin.tablestore.table;

import static io.tablesync.tablestore.wire.SimpleRowMatrix.FORMAT_MARKER;
import static io.tablesync.tablestore.wire.SimpleRowMatrix.TAG_CHECKSUM;
import static io.tablesync.tablestore.wire.SimpleRowMatrix.TAG_ENTIRE_PRIMARY_KEYS;
import static io.tablesync.tablestore.wire.SimpleRowMatrix.TAG_ROW;
import static io.tablesync.tablestore.wire.SimpleRowMatrix.TAG_ROW_COUNT;
import static io.tablesync.tablestore.wire.SimpleRowMatrix.TYPE_BINARY;
import static io.tablesync.tablestore.wire.SimpleRowMatrix.TYPE_BOOLEAN;
import static io.tablesync.tablestore.wire.SimpleRowMatrix.TYPE_DOUBLE;
import static io.tablesync.tablestore.wire.SimpleRowMatrix.TYPE_INTEGER;
import static io.tablesync.tablestore.wire.SimpleRowMatrix.TYPE_NULL;
import static io.tablesync.tablestore.wire.SimpleRowMatrix.TYPE_STRING;

import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.Row;
import io.tablesync.tablestore.wire.Crc8;
import io.tablesync.tablestore.wire.SimpleRowMatrix;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A BulkExport block in the {@link SimpleRowMatrix} layout, decoded one row at a time. The block is checked
 * whole when it arrives (one checksum pass, not one per cell as in PlainBuffer), then rows are decoded on
 * demand straight from the bytes. We decode it ourselves rather than with the SDK's parser, which builds
 * strings from a heap buffer in the platform's default charset instead of UTF-8.
 */
final class SimpleRowMatrixBlock {
    private final byte[] data;
    private final int end;
    private final String[] names;
    private final int keyCount;
    private final int rowCount;
    private int at;
    private int rowsRead;

    /** Checks the whole block (format, counts, checksum); a damaged block is an {@link IllegalStateException}. */
    SimpleRowMatrixBlock(ByteBuffer block) {
        ByteBuffer b = block.duplicate();
        int length = b.remaining();
        if (length < 2) {
            throw damaged("it has " + length + " bytes");
        }
        data = new byte[length - 1];
        b.get(data);
        byte checksum = b.get();
        end = data.length - 1;
        if (data[end] != TAG_CHECKSUM) {
            throw damaged("its footer has no checksum tag");
        }
        byte computed = Crc8.update((byte) 0, data);
        if (computed != checksum) {
            throw damaged("its checksum is " + (checksum & 0xff) + ", the content's is " + (computed & 0xff));
        }
        at = 0;
        if (readInt() != FORMAT_MARKER) {
            throw damaged("it does not start with the SimpleRowMatrix marker");
        }
        int dataOffset = nonNegative(readInt(), "data offset");
        int optionsOffset = nonNegative(readInt(), "options offset");
        keyCount = nonNegative(readInt(), "key column count");
        int attributeCount = nonNegative(readInt(), "attribute count");
        names = new String[keyCount + attributeCount];
        for (int i = 0; i < names.length; i++) {
            int nameLength = nonNegative(readShort(), "name length");
            names[i] = readString(nameLength);
        }
        at = optionsOffset;
        expectTag(TAG_ENTIRE_PRIMARY_KEYS, "entire-primary-key option");
        byte entireKeys = readByte();
        if (entireKeys != 1) {
            throw damaged("it lacks key columns (the request names every key column)");
        }
        expectTag(TAG_ROW_COUNT, "row count option");
        rowCount = nonNegative(readInt(), "row count");
        at = dataOffset;
    }

    int rowCount() {
        return rowCount;
    }

    boolean hasNext() {
        return at < end;
    }

    /** The next row: its key, and its attributes that are not null. */
    Row next() {
        if (!hasNext()) {
            throw new IllegalStateException("the block has no more rows");
        }
        expectTag(TAG_ROW, "row tag");
        PrimaryKeyColumn[] key = new PrimaryKeyColumn[keyCount];
        for (int i = 0; i < keyCount; i++) {
            key[i] = new PrimaryKeyColumn(names[i], keyValue(i));
        }
        List<Column> attributes = new ArrayList<>(names.length - keyCount);
        for (int i = keyCount; i < names.length; i++) {
            ColumnValue v = attributeValue(i);
            if (v != null) {
                attributes.add(new Column(names[i], v));
            }
        }
        rowsRead++;
        if (!hasNext() && rowsRead != rowCount) {
            throw damaged("it announces " + rowCount + " rows and holds " + rowsRead);
        }
        return new Row(new PrimaryKey(key), attributes);
    }

    private PrimaryKeyValue keyValue(int field) {
        byte type = readByte();
        return switch (type) {
            case TYPE_INTEGER -> PrimaryKeyValue.fromLong(readLong());
            case TYPE_STRING -> PrimaryKeyValue.fromString(readString(readLength()));
            case TYPE_BINARY -> PrimaryKeyValue.fromBinary(readBytes(readLength()));
            default -> throw damaged("key column " + names[field] + " has type " + type);
        };
    }

    private ColumnValue attributeValue(int field) {
        byte type = readByte();
        return switch (type) {
            case TYPE_NULL -> null;
            case TYPE_INTEGER -> ColumnValue.fromLong(readLong());
            case TYPE_DOUBLE -> ColumnValue.fromDouble(Double.longBitsToDouble(readLong()));
            case TYPE_BOOLEAN -> ColumnValue.fromBoolean(readBoolean(field));
            case TYPE_STRING -> ColumnValue.fromString(readString(readLength()));
            case TYPE_BINARY -> ColumnValue.fromBinary(readBytes(readLength()));
            default -> throw damaged("column " + names[field] + " has unknown type " + type);
        };
    }

    private boolean readBoolean(int field) {
        byte b = readByte();
        if (b != 0 && b != 1) {
            throw damaged("boolean column " + names[field] + " holds " + b);
        }
        return b == 1;
    }

    private void expectTag(byte tag, String what) {
        byte got = readByte();
        if (got != tag) {
            throw damaged("expected the " + what + " (" + tag + ") at byte " + (at - 1) + ", found " + got);
        }
    }

    private int readLength() {
        return nonNegative(readInt(), "value length");
    }

    private byte readByte() {
        need(1);
        return data[at++];
    }

    private int readShort() {
        need(2);
        int v = (data[at] & 0xff) | (data[at + 1] & 0xff) << 8;
        at += 2;
        return (short) v;
    }

    private int readInt() {
        need(4);
        int v = (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | (data[at + 3] & 0xff) << 24;
        at += 4;
        return v;
    }

    private long readLong() {
        long low = readInt() & 0xffffffffL;
        long high = readInt() & 0xffffffffL;
        return high << 32 | low;
    }

    private String readString(int length) {
        need(length);
        String s = new String(data, at, length, StandardCharsets.UTF_8);
        at += length;
        return s;
    }

    private byte[] readBytes(int length) {
        need(length);
        byte[] b = java.util.Arrays.copyOfRange(data, at, at + length);
        at += length;
        return b;
    }

    private void need(int bytes) {
        if (at < 0 || bytes > end - at) {
            throw damaged("a value at byte " + at + " runs past the rows' end (" + end + ")");
        }
    }

    private int nonNegative(int value, String what) {
        if (value < 0) {
            throw damaged("its " + what + " is " + value);
        }
        return value;
    }

    private static IllegalStateException damaged(String why) {
        return new IllegalStateException("damaged SimpleRowMatrix block: " + why);
    }
}
