package io.tablesync.flink;

import io.tablesync.core.element.BoolColumn;
import io.tablesync.core.element.BytesColumn;
import io.tablesync.core.element.Column;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.DateColumn;
import io.tablesync.core.element.DefaultRecord;
import io.tablesync.core.element.DoubleColumn;
import io.tablesync.core.element.LongColumn;
import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import io.tablesync.core.element.StringColumn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A record as bytes, for the trip from a source subtask to a sink subtask: operation, and per column its
 * state, type and value, so the writer sees exactly the record the reader made (absent stays absent,
 * deleted stays deleted, a double keeps its decimal text). The source position does not travel: in
 * Flink, positions are the source's split state, made durable by checkpoints.
 */
public final class RecordCodec {
    private static final int NO_COLUMN = -1;

    private RecordCodec() {
    }

    public static byte[] encode(Record r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + r.getByteSize() * 2);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(r.getOperation().ordinal());
            int n = r.getColumnNumber();
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                Column c = r.getColumn(i);
                out.writeByte(r.getColumnState(i).ordinal());
                if (c == null) {
                    out.writeByte(NO_COLUMN);
                    continue;
                }
                out.writeByte(c.getType().ordinal());
                boolean isNull = c.getRawData() == null;
                out.writeBoolean(isNull);
                if (!isNull) {
                    writeValue(out, c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeValue(DataOutputStream out, Column c) throws IOException {
        switch (c.getType()) {
            case BOOL -> out.writeBoolean(c.asBoolean());
            case DATE -> {
                out.writeLong(c.asDate().getTime());
                out.writeByte(((DateColumn) c).subType().ordinal());
            }
            case BYTES -> writeBytes(out, c.asBytes());
            // LONG keeps values beyond long range as text; DOUBLE is decimal text already
            case LONG, DOUBLE -> writeBytes(out, c.asString().getBytes(StandardCharsets.UTF_8));
            default -> writeBytes(out, String.valueOf(c.getRawData()).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static Record decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            Operation op = Operation.values()[in.readByte()];
            int n = in.readInt();
            DefaultRecord r = new DefaultRecord(n);
            r.setOperation(op);
            for (int i = 0; i < n; i++) {
                ColumnState state = ColumnState.values()[in.readByte()];
                int type = in.readByte();
                if (type == NO_COLUMN) {
                    r.addColumn(null, state);
                    continue;
                }
                boolean isNull = in.readBoolean();
                r.addColumn(readColumn(in, Column.Type.values()[type], isNull), state);
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Column readColumn(DataInputStream in, Column.Type type, boolean isNull) throws IOException {
        return switch (type) {
            case BOOL -> new BoolColumn(isNull ? null : in.readBoolean());
            case DATE -> isNull ? new DateColumn((Long) null)
                    : new DateColumn(in.readLong(), DateColumn.DateType.values()[in.readByte()]);
            case BYTES -> new BytesColumn(isNull ? null : readBytes(in));
            case LONG -> new LongColumn(isNull ? null : text(in));
            case DOUBLE -> new DoubleColumn(isNull ? null : text(in));
            default -> new StringColumn(isNull ? null : text(in));
        };
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }
}
