package io.tablesync.tablestore.wire;

/**
 * The SimpleRowMatrix block layout of BulkExport answers, shared by the encoder (tablestore-local) and the decoder
 * (the tablestore plugin) so both read the layout from one place.
 *
 * <p>All integers little-endian. Header: {@link #FORMAT_MARKER}, data offset, options offset, key field count,
 * attribute field count, then each field name (16-bit length, UTF-8), key fields first. Options:
 * {@link #TAG_ENTIRE_PRIMARY_KEYS} + 1 byte (whether the key fields are the table's whole primary key),
 * {@link #TAG_ROW_COUNT} + 32-bit row count. Rows: {@link #TAG_ROW}, then per field a type byte and its value —
 * 8-byte integers and doubles, a 1-byte boolean, 32-bit length + bytes for strings and binaries, nothing for
 * {@link #TYPE_NULL} (a column the row lacks). Footer: {@link #TAG_CHECKSUM} + one {@link Crc8} over every byte
 * before it.
 */
public final class SimpleRowMatrix {
    public static final int FORMAT_MARKER = 0x304d5253;

    public static final byte TAG_CHECKSUM = 1;
    public static final byte TAG_ROW = 2;
    public static final byte TAG_ROW_COUNT = 3;
    public static final byte TAG_ENTIRE_PRIMARY_KEYS = 10;

    public static final byte TYPE_INTEGER = 0;
    public static final byte TYPE_DOUBLE = 1;
    public static final byte TYPE_BOOLEAN = 2;
    public static final byte TYPE_STRING = 3;
    public static final byte TYPE_NULL = 6;
    public static final byte TYPE_BINARY = 7;

    private SimpleRowMatrix() {
    }
}
