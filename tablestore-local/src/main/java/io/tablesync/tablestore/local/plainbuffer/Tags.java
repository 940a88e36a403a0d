package io.tablesync.tablestore.local.plainbuffer;

/** PlainBuffer tag bytes and the buffer header (research §3.1). */
final class Tags {
    static final int HEADER = 0x75;
    static final byte ROW_PK = 0x01;
    static final byte ROW_DATA = 0x02;
    static final byte CELL = 0x03;
    static final byte CELL_NAME = 0x04;
    static final byte CELL_VALUE = 0x05;
    static final byte CELL_TYPE = 0x06;
    static final byte CELL_TIMESTAMP = 0x07;
    static final byte DELETE_ROW_MARKER = 0x08;
    static final byte ROW_CHECKSUM = 0x09;
    static final byte CELL_CHECKSUM = 0x0A;
    static final byte EXTENSION = 0x0B;
    static final byte SEQ_INFO = 0x0C;
    static final byte SEQ_INFO_EPOCH = 0x0D;
    static final byte SEQ_INFO_TS = 0x0E;
    static final byte SEQ_INFO_ROW_INDEX = 0x0F;

    private Tags() {
    }
}
