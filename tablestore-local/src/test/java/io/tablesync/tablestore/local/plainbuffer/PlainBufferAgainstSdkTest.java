package io.tablesync.tablestore.local.plainbuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alicloud.openservices.tablestore.core.protocol.PlainBufferBuilder;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCodedInputStream;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferConversion;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferInputStream;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferRow;
import com.alicloud.openservices.tablestore.model.*;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our PlainBuffer codec against the SDK's encoder and decoder (the SDK is the oracle, not the implementation). */
class PlainBufferAgainstSdkTest {

    private static PrimaryKey sdkPk() {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("id", PrimaryKeyValue.fromString("k\u00e91"))
                .addPrimaryKeyColumn("n", PrimaryKeyValue.fromLong(-7))
                .addPrimaryKeyColumn("b", PrimaryKeyValue.fromBinary(new byte[] {0, 9}))
                .build();
    }

    @Test
    void decodesSdkUpdateWithEveryCellOperation() throws Exception {
        RowUpdateChange u = new RowUpdateChange("t", sdkPk());
        u.put("s", ColumnValue.fromString("v"), 1700000000001L);
        u.put("d", ColumnValue.fromDouble(-2.5));
        u.put("bool", ColumnValue.fromBoolean(true));
        u.deleteColumn("old", 1700000000002L);
        u.deleteColumns("gone");
        u.increment(new Column("cnt", ColumnValue.fromLong(3)));
        PbRow row = PlainBufferReader.readRow(PlainBufferBuilder.buildRowUpdateChangeWithHeader(u));

        assertThat(row.primaryKey()).extracting(Cell::name).containsExactly("id", "n", "b");
        assertThat(row.primaryKey().get(0).value().asString()).isEqualTo("k\u00e91");
        assertThat(row.primaryKey().get(1).value().asLong()).isEqualTo(-7);
        assertThat(row.primaryKey().get(2).value().bytes()).containsExactly(0, 9);
        assertThat(row.cells()).extracting(Cell::op).containsExactly(CellOp.PUT, CellOp.PUT, CellOp.PUT,
                CellOp.DELETE_ONE_VERSION, CellOp.DELETE_ALL_VERSION, CellOp.INCREMENT);
        assertThat(row.cells().get(0).timestamp()).isEqualTo(1700000000001L);
        assertThat(row.cells().get(1).value().asDouble()).isEqualTo(-2.5);
        assertThat(row.cells().get(3).timestamp()).isEqualTo(1700000000002L);
        assertThat(row.cells().get(5).value().asLong()).isEqualTo(3);
    }

    @Test
    void decodesDeleteMarkerAndAutoIncrementPlaceholder() throws Exception {
        PbRow del = PlainBufferReader.readRow(PlainBufferBuilder.buildRowDeleteChangeWithHeader(new RowDeleteChange("t", sdkPk())));
        assertThat(del.deleteMarker()).isTrue();
        PrimaryKey auto = PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("p", PrimaryKeyValue.fromString("x"))
                .addPrimaryKeyColumn("id", PrimaryKeyValue.AUTO_INCREMENT).build();
        RowPutChange put = new RowPutChange("t", auto);
        put.addColumn("c", ColumnValue.fromLong(1));
        PbRow row = PlainBufferReader.readRow(PlainBufferBuilder.buildRowPutChangeWithHeader(put));
        assertThat(row.primaryKey().get(1).value()).isEqualTo(Value.AUTO_INCREMENT);
    }

    @Test
    void sdkDecodesOurRowsAndStreamRecords() throws Exception {
        PbRow ours = new PbRow(List.of(Cell.pk("id", Value.ofString("a")), Cell.pk("n", Value.ofInteger(5))),
                List.of(Cell.put("c", Value.ofBinary(new byte[] {1, 2}), 10L), Cell.put("c", Value.ofBinary(new byte[] {3}), 9L),
                        Cell.put("z", Value.ofBoolean(false), 11L)));
        byte[] bytes = PlainBufferWriter.encodeRows(List.of(ours, ours));
        List<PlainBufferRow> rows = new PlainBufferCodedInputStream(new PlainBufferInputStream(bytes)).readRowsWithHeader();
        assertThat(rows).hasSize(2);
        Row sdkRow = PlainBufferConversion.toRow(rows.get(0));
        assertThat(sdkRow.getColumn("c")).extracting(Column::getTimestamp).containsExactly(10L, 9L);
        assertThat(sdkRow.getLatestColumn("z").getValue().asBoolean()).isFalse();

        PbRow record = new PbRow(ours.primaryKey(), List.of(Cell.put("c", Value.ofInteger(1), 12L),
                new Cell("d", null, CellOp.DELETE_ONE_VERSION, 13L), new Cell("e", null, CellOp.DELETE_ALL_VERSION, null)),
                false, new SeqInfo(0, 1700000000123000L, 2));
        PlainBufferRow sdkRecordRow = new PlainBufferCodedInputStream(
                new PlainBufferInputStream(PlainBufferWriter.encodeRow(record))).readRowsWithHeader().get(0);
        StreamRecord sr = PlainBufferConversion.toStreamRecord(sdkRecordRow, null,
                com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi.ActionType.UPDATE_ROW, false);
        assertThat(sr.getSequenceInfo().getTimestamp()).isEqualTo(1700000000123000L);
        assertThat(sr.getSequenceInfo().getRowIndex()).isEqualTo(2);
        assertThat(sr.getColumns()).extracting(RecordColumn::getColumnType).containsExactly(RecordColumn.ColumnType.PUT,
                RecordColumn.ColumnType.DELETE_ONE_VERSION, RecordColumn.ColumnType.DELETE_ALL_VERSION);
    }

    @Test
    void bareFilterValuesMatchTheSdk() throws Exception {
        for (ColumnValue v : List.of(ColumnValue.fromLong(42), ColumnValue.fromString("\u4e2d"),
                ColumnValue.fromDouble(1.5), ColumnValue.fromBoolean(true), ColumnValue.fromBinary(new byte[] {7}))) {
            byte[] sdk = PlainBufferBuilder.buildColumnValueWithoutLengthPrefix(v);
            Value ours = PlainBufferReader.readBareValue(sdk);
            assertThat(PlainBufferWriter.encodeBareValue(ours)).containsExactly(sdk);
        }
    }

    @Test
    void bytesAfterTheRowChecksumAreIgnoredLikeTheNodeSdksPadding() throws Exception {
        RowPutChange put = new RowPutChange("t", sdkPk());
        put.addColumn("c", ColumnValue.fromString("v"), 1_700_000_000_000L);
        byte[] exact = PlainBufferBuilder.buildRowPutChangeWithHeader(put);
        byte[] padded = java.util.Arrays.copyOf(exact, exact.length + 22);
        PbRow row = PlainBufferReader.readRow(padded);
        assertThat(row.cells()).extracting(Cell::name, Cell::timestamp).containsExactly(
                org.assertj.core.groups.Tuple.tuple("c", 1_700_000_000_000L));
    }

    @Test
    void corruptChecksumIsRejected() throws Exception {
        byte[] bytes = PlainBufferBuilder.buildPrimaryKeyWithHeader(sdkPk());
        bytes[bytes.length - 1] ^= 0x5a;
        assertThatThrownBy(() -> PlainBufferReader.readRow(bytes)).isInstanceOf(PlainBufferException.class)
                .hasMessageContaining("Checksum");
    }
}
