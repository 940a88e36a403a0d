package io.tablesync.tablestore.local.plainbuffer;

import io.tablesync.tablestore.wire.Crc8;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes PlainBuffer payloads sent by clients, verifying every cell and row checksum.
 * Unlike the SDK's reader it understands the AUTO_INCREMENT placeholder in primary keys.
 */
public final class PlainBufferReader {

    private final byte[] buf;
    private int pos;

    private PlainBufferReader(byte[] buf) {
        this.buf = buf;
    }

    /**
     * Reads the header and the one row of a field that holds one row (a write's row, a primary key, a range bound).
     * Whatever follows that row's checksum is ignored, as the service does: the Node.js SDK sizes its output buffer
     * generously and sends the unused zero bytes after the row.
     */
    public static PbRow readRow(byte[] bytes) {
        PlainBufferReader r = new PlainBufferReader(bytes);
        r.readHeader();
        if (r.pos >= bytes.length) {
            throw new PlainBufferException("The row is empty.");
        }
        return r.readRow();
    }

    /** Reads a bare value (type byte + payload, no length prefix), as filters carry them. */
    public static Value readBareValue(byte[] bytes) {
        PlainBufferReader r = new PlainBufferReader(bytes);
        Value v = r.readValuePayload(bytes.length);
        if (r.pos != bytes.length) {
            throw new PlainBufferException("Trailing bytes after column value.");
        }
        return v;
    }

    private void readHeader() {
        if (buf.length < 4 || readInt() != Tags.HEADER) {
            throw new PlainBufferException("Invalid PlainBuffer header.");
        }
    }

    private PbRow readRow() {
        List<Cell> pk = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        boolean deleteMarker = false;
        SeqInfo seq = null;
        byte rowCrc = 0;
        int tag = next();
        if (tag == Tags.ROW_PK) {
            pos++;
            while (next() == Tags.CELL) {
                CellAndCrc c = readCell();
                pk.add(c.cell);
                rowCrc = Crc8.update(rowCrc, c.crc);
            }
            tag = next();
        }
        if (tag == Tags.ROW_DATA) {
            pos++;
            while (next() == Tags.CELL) {
                CellAndCrc c = readCell();
                cells.add(c.cell);
                rowCrc = Crc8.update(rowCrc, c.crc);
            }
            tag = next();
        }
        if (tag == Tags.DELETE_ROW_MARKER) {
            pos++;
            deleteMarker = true;
            tag = next();
        }
        if (tag == Tags.EXTENSION) {
            pos++;
            int len = readInt();
            int end = pos + len;
            checkAvailable(len);
            seq = readExtension(end);
            pos = end;
            tag = next();
        }
        if (tag != Tags.ROW_CHECKSUM) {
            throw new PlainBufferException("Expect TAG_ROW_CHECKSUM but it was " + tag + ".");
        }
        pos++;
        byte crc = readByte();
        rowCrc = Crc8.update(rowCrc, (byte) (deleteMarker ? 1 : 0));
        if (crc != rowCrc) {
            throw new PlainBufferException("Checksum is mismatch.");
        }
        return new PbRow(pk, cells, deleteMarker, seq);
    }

    private SeqInfo readExtension(int end) {
        SeqInfo seq = null;
        while (pos < end) {
            int tag = readByte();
            int len = readInt();
            if (tag == Tags.SEQ_INFO) {
                int itemEnd = pos + len;
                int epoch = 0;
                long ts = 0;
                int rowIndex = 0;
                while (pos < itemEnd) {
                    int t = readByte();
                    if (t == Tags.SEQ_INFO_EPOCH) {
                        epoch = readInt();
                    } else if (t == Tags.SEQ_INFO_TS) {
                        ts = readLong();
                    } else if (t == Tags.SEQ_INFO_ROW_INDEX) {
                        rowIndex = readInt();
                    } else {
                        throw new PlainBufferException("Unknown tag in sequence info: " + t);
                    }
                }
                seq = new SeqInfo(epoch, ts, rowIndex);
            } else {
                checkAvailable(len);
                pos += len;
            }
        }
        return seq;
    }

    private record CellAndCrc(Cell cell, byte crc) {
    }

    private CellAndCrc readCell() {
        pos++; // TAG_CELL
        byte[] name = new byte[0];
        Value value = null;
        CellOp op = CellOp.PUT;
        Long ts = null;
        if (next() == Tags.CELL_NAME) {
            pos++;
            int n = readInt();
            name = readBytes(n);
        }
        if (next() == Tags.CELL_VALUE) {
            pos++;
            int len = readInt();
            int end = pos + len;
            value = readValuePayload(len);
            if (pos != end) {
                throw new PlainBufferException("Cell value length mismatch.");
            }
        }
        if (next() == Tags.CELL_TYPE) {
            pos++;
            op = CellOp.ofCode(readByte() & 0xff);
        }
        if (next() == Tags.CELL_TIMESTAMP) {
            pos++;
            ts = readLong(); // its range is checked with the request limits, in the service's words
        }
        if (next() != Tags.CELL_CHECKSUM) {
            throw new PlainBufferException("Expect TAG_CELL_CHECKSUM but it was " + next() + ".");
        }
        pos++;
        byte crc = readByte();
        byte expected = CellChecksum.cell(name, value, ts, op);
        if (crc != expected) {
            throw new PlainBufferException("Checksum is mismatch.");
        }
        return new CellAndCrc(new Cell(new String(name, StandardCharsets.UTF_8), value, op, ts), crc);
    }

    private Value readValuePayload(int len) {
        if (len < 1) {
            throw new PlainBufferException("Empty column value.");
        }
        Value.Type type = Value.Type.ofCode(readByte() & 0xff);
        switch (type) {
            case INTEGER:
                return Value.ofInteger(readLong());
            case DOUBLE:
                return Value.ofDouble(Double.longBitsToDouble(readLong()));
            case BOOLEAN:
                return Value.ofBoolean(readByte() != 0);
            case STRING:
                return Value.ofStringUtf8(readBytes(readInt()));
            case BINARY:
                return Value.ofBinary(readBytes(readInt()));
            case INF_MIN:
                return Value.INF_MIN;
            case INF_MAX:
                return Value.INF_MAX;
            default:
                return Value.AUTO_INCREMENT;
        }
    }

    private int next() {
        return pos < buf.length ? buf[pos] : -1;
    }

    private void checkAvailable(int n) {
        if (n < 0 || pos + n > buf.length) {
            throw new PlainBufferException("Unexpected end of PlainBuffer.");
        }
    }

    private byte readByte() {
        checkAvailable(1);
        return buf[pos++];
    }

    private byte[] readBytes(int n) {
        checkAvailable(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    private int readInt() {
        checkAvailable(4);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    private long readLong() {
        long lo = readInt() & 0xffffffffL;
        long hi = readInt() & 0xffffffffL;
        return lo | (hi << 32);
    }
}
