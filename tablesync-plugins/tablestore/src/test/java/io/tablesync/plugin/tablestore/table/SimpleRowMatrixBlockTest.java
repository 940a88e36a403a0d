package io.tablesync.plugin.tablestore.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCrc8;
import com.alicloud.openservices.tablestore.model.Row;
import io.tablesync.tablestore.wire.SimpleRowMatrix;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The SimpleRowMatrix decoder on blocks written byte by byte here from the format's description. */
class SimpleRowMatrixBlockTest {

    /** Writes a block: header, names, options, rows (given as already typed bytes), footer with the CRC-8. */
    private static final class Block {
        private final ByteArrayOutputStream rows = new ByteArrayOutputStream();
        private final String[] names;
        private final int keys;
        private int rowCount;
        private byte entireKeys = 1;

        Block(int keys, String... names) {
            this.keys = keys;
            this.names = names;
        }

        Block row(byte[]... fields) {
            rows.write(SimpleRowMatrix.TAG_ROW);
            for (byte[] f : fields) {
                rows.writeBytes(f);
            }
            rowCount++;
            return this;
        }

        byte[] bytes(Integer announcedRows) {
            ByteBuffer names = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
            for (String n : this.names) {
                byte[] b = n.getBytes(StandardCharsets.UTF_8);
                names.putShort((short) b.length).put(b);
            }
            int optionsOffset = 20 + names.position();
            int dataOffset = optionsOffset + 2 + 5;
            ByteBuffer out = ByteBuffer.allocate(dataOffset + rows.size() + 2).order(ByteOrder.LITTLE_ENDIAN);
            out.putInt(SimpleRowMatrix.FORMAT_MARKER).putInt(dataOffset).putInt(optionsOffset).putInt(keys)
                    .putInt(this.names.length - keys);
            out.put(names.array(), 0, names.position());
            out.put(SimpleRowMatrix.TAG_ENTIRE_PRIMARY_KEYS).put(entireKeys);
            out.put(SimpleRowMatrix.TAG_ROW_COUNT).putInt(announcedRows == null ? rowCount : announcedRows);
            out.put(rows.toByteArray());
            out.put(SimpleRowMatrix.TAG_CHECKSUM);
            byte[] all = out.array();
            byte[] covered = java.util.Arrays.copyOf(all, all.length - 1);
            all[all.length - 1] = PlainBufferCrc8.crc8((byte) 0, covered);
            return all;
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes(null)).asReadOnlyBuffer();
        }
    }

    private static byte[] integer(long v) {
        return ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put(SimpleRowMatrix.TYPE_INTEGER).putLong(v).array();
    }

    private static byte[] dbl(double v) {
        return ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put(SimpleRowMatrix.TYPE_DOUBLE).putDouble(v).array();
    }

    private static byte[] bool(boolean v) {
        return new byte[] {SimpleRowMatrix.TYPE_BOOLEAN, (byte) (v ? 1 : 0)};
    }

    private static byte[] string(String v) {
        return withLength(SimpleRowMatrix.TYPE_STRING, v.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] binary(byte[] v) {
        return withLength(SimpleRowMatrix.TYPE_BINARY, v);
    }

    private static byte[] absent() {
        return new byte[] {SimpleRowMatrix.TYPE_NULL};
    }

    private static byte[] withLength(byte type, byte[] v) {
        return ByteBuffer.allocate(5 + v.length).order(ByteOrder.LITTLE_ENDIAN).put(type).putInt(v.length).put(v).array();
    }

    @Test
    void decodesEveryTypeAndLeavesNullColumnsOut() {
        SimpleRowMatrixBlock block = new SimpleRowMatrixBlock(new Block(2, "region", "id", "blob", "flag", "name", "score", "n")
                .row(string("北京"), integer(-7), binary(new byte[] {0, -1, 2}), bool(true), string("Zoë ✓"), dbl(2.5), absent())
                .row(string("b"), integer(Long.MAX_VALUE), absent(), bool(false), absent(), dbl(-0.0), integer(42))
                .buffer());

        assertThat(block.rowCount()).isEqualTo(2);
        Row first = block.next();
        assertThat(first.getPrimaryKey().getPrimaryKeyColumn("region").getValue().asString()).isEqualTo("北京");
        assertThat(first.getPrimaryKey().getPrimaryKeyColumn("id").getValue().asLong()).isEqualTo(-7);
        assertThat(first.getLatestColumn("blob").getValue().asBinary()).containsExactly(0, -1, 2);
        assertThat(first.getLatestColumn("flag").getValue().asBoolean()).isTrue();
        assertThat(first.getLatestColumn("name").getValue().asString()).isEqualTo("Zoë ✓");
        assertThat(first.getLatestColumn("score").getValue().asDouble()).isEqualTo(2.5);
        assertThat(first.getLatestColumn("n")).isNull();
        assertThat(first.getColumns()).hasSize(4);

        Row second = block.next();
        assertThat(second.getPrimaryKey().getPrimaryKeyColumn("id").getValue().asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(second.getLatestColumn("blob")).isNull();
        assertThat(second.getLatestColumn("flag").getValue().asBoolean()).isFalse();
        assertThat(Double.doubleToRawLongBits(second.getLatestColumn("score").getValue().asDouble()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(second.getLatestColumn("n").getValue().asLong()).isEqualTo(42);
        assertThat(block.hasNext()).isFalse();
    }

    @Test
    void anEmptyBlockHasNoRows() {
        SimpleRowMatrixBlock block = new SimpleRowMatrixBlock(new Block(1, "uid", "name").buffer());
        assertThat(block.rowCount()).isZero();
        assertThat(block.hasNext()).isFalse();
    }

    @Test
    void aBlockWhoseChecksumDoesNotMatchIsRefusedBeforeAnyRowIsRead() {
        byte[] bytes = new Block(1, "uid", "name").row(string("k1"), string("alice")).bytes(null);
        bytes[bytes.length - 5] ^= 0x20; // a letter of "alice"
        assertThatThrownBy(() -> new SimpleRowMatrixBlock(ByteBuffer.wrap(bytes)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("checksum");
    }

    @Test
    void aBlockWithoutEveryKeyColumnIsRefused() {
        Block b = new Block(1, "uid", "name").row(string("k1"), string("alice"));
        b.entireKeys = 0;
        assertThatThrownBy(() -> new SimpleRowMatrixBlock(b.buffer()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lacks key columns");
    }

    @Test
    void aValueRunningPastTheRowsIsRefusedNotReadFromTheFooter() {
        byte[] tooLong = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).put(SimpleRowMatrix.TYPE_STRING)
                .putInt(50).put((byte) 'x').array();
        SimpleRowMatrixBlock block = new SimpleRowMatrixBlock(new Block(1, "uid").row(tooLong).buffer());
        assertThatThrownBy(block::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("runs past");
    }

    @Test
    void aRowCountThatDisagreesWithTheRowsIsRefused() {
        byte[] bytes = new Block(1, "uid").row(integer(1)).row(integer(2)).bytes(3);
        SimpleRowMatrixBlock block = new SimpleRowMatrixBlock(ByteBuffer.wrap(bytes));
        block.next();
        assertThatThrownBy(block::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("announces 3 rows");
    }

    @Test
    void somethingElseThanABlockIsRefused() {
        byte[] bytes = new Block(1, "uid").row(integer(1)).bytes(null);
        bytes[0] = 'P';
        bytes[bytes.length - 1] = PlainBufferCrc8.crc8((byte) 0, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> new SimpleRowMatrixBlock(ByteBuffer.wrap(bytes)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("marker");
    }
}
