package io.tablesync.tablestore.local.plainbuffer;

import io.tablesync.tablestore.wire.Crc8;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Encodes PlainBuffer payloads for responses and stream records, computing cell and row checksums. */
public final class PlainBufferWriter {

    private byte[] buf;
    private int len;

    public PlainBufferWriter() {
        this(256);
    }

    public PlainBufferWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** One header and one row. */
    public static byte[] encodeRow(PbRow row) {
        PlainBufferWriter w = new PlainBufferWriter();
        w.writeHeader();
        w.writeRow(row);
        return w.toByteArray();
    }

    /** One header followed by all rows (GetRange); empty array when there are none. */
    public static byte[] encodeRows(List<PbRow> rows) {
        if (rows.isEmpty()) {
            return new byte[0];
        }
        PlainBufferWriter w = new PlainBufferWriter(rows.size() * 64);
        w.writeHeader();
        for (PbRow r : rows) {
            w.writeRow(r);
        }
        return w.toByteArray();
    }

    /** A bare value without length prefix, as filters carry them. */
    public static byte[] encodeBareValue(Value v) {
        PlainBufferWriter w = new PlainBufferWriter(16);
        w.writeValuePayload(v);
        return w.toByteArray();
    }

    public void writeHeader() {
        writeInt(Tags.HEADER);
    }

    public void writeRow(PbRow row) {
        byte rowCrc = 0;
        writeByte(Tags.ROW_PK);
        for (Cell c : row.primaryKey()) {
            rowCrc = Crc8.update(rowCrc, writeCell(c));
        }
        if (!row.cells().isEmpty()) {
            writeByte(Tags.ROW_DATA);
            for (Cell c : row.cells()) {
                rowCrc = Crc8.update(rowCrc, writeCell(c));
            }
        }
        if (row.deleteMarker()) {
            writeByte(Tags.DELETE_ROW_MARKER);
        }
        if (row.seqInfo() != null) {
            SeqInfo s = row.seqInfo();
            writeByte(Tags.EXTENSION);
            writeInt(24); // one SEQ_INFO item: tag + length + 19 bytes
            writeByte(Tags.SEQ_INFO);
            writeInt(19);
            writeByte(Tags.SEQ_INFO_EPOCH);
            writeInt(s.epoch());
            writeByte(Tags.SEQ_INFO_TS);
            writeLong(s.timestampMicros());
            writeByte(Tags.SEQ_INFO_ROW_INDEX);
            writeInt(s.rowIndex());
        }
        rowCrc = Crc8.update(rowCrc, (byte) (row.deleteMarker() ? 1 : 0));
        writeByte(Tags.ROW_CHECKSUM);
        writeByte(rowCrc);
    }

    private byte writeCell(Cell c) {
        byte[] name = c.name().getBytes(StandardCharsets.UTF_8);
        writeByte(Tags.CELL);
        writeByte(Tags.CELL_NAME);
        writeInt(name.length);
        writeBytes(name);
        if (c.value() != null) {
            writeByte(Tags.CELL_VALUE);
            writeInt(payloadLength(c.value()));
            writeValuePayload(c.value());
        }
        if (c.op() != null && c.op() != CellOp.PUT) {
            writeByte(Tags.CELL_TYPE);
            writeByte((byte) c.op().code);
        }
        if (c.timestamp() != null) {
            writeByte(Tags.CELL_TIMESTAMP);
            writeLong(c.timestamp());
        }
        byte crc = CellChecksum.cell(name, c.value(), c.timestamp(), c.op());
        writeByte(Tags.CELL_CHECKSUM);
        writeByte(crc);
        return crc;
    }

    private static int payloadLength(Value v) {
        switch (v.type()) {
            case INTEGER:
            case DOUBLE:
                return 9;
            case BOOLEAN:
                return 2;
            case STRING:
            case BINARY:
                return 5 + v.bytes().length;
            default:
                return 1;
        }
    }

    private void writeValuePayload(Value v) {
        writeByte((byte) v.type().code);
        switch (v.type()) {
            case INTEGER:
            case DOUBLE:
                writeLong(v.rawBits());
                break;
            case BOOLEAN:
                writeByte((byte) (v.asBoolean() ? 1 : 0));
                break;
            case STRING:
            case BINARY:
                writeInt(v.bytes().length);
                writeBytes(v.bytes());
                break;
            default:
                break;
        }
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    private void writeByte(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void writeBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void writeInt(int v) {
        ensure(4);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 24);
    }

    private void writeLong(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[len++] = (byte) (v >>> (8 * i));
        }
    }
}
