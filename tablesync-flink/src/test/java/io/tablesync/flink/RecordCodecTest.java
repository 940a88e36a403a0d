package io.tablesync.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tablesync.core.element.BoolColumn;
import io.tablesync.core.element.BytesColumn;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.DateColumn;
import io.tablesync.core.element.DefaultRecord;
import io.tablesync.core.element.DoubleColumn;
import io.tablesync.core.element.LongColumn;
import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import io.tablesync.core.element.StringColumn;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** A record crosses from a source subtask to a sink subtask unchanged: operation, column states, types and exact values. */
class RecordCodecTest {
    @Test
    void everyTypeStateAndOperationSurvivesTheTrip() {
        DefaultRecord r = new DefaultRecord();
        r.setOperation(Operation.UPDATE);
        r.addColumn(new StringColumn("u1"));
        r.addColumn(new LongColumn(new BigInteger("123456789012345678901234567890")));
        r.addColumn(new DoubleColumn("0.10000000000000000001"));
        r.addColumn(new BoolColumn(true));
        r.addColumn(new DateColumn(1_700_000_000_123L, DateColumn.DateType.DATE));
        r.addColumn(new BytesColumn(new byte[] {0, 1, (byte) 255}));
        r.addColumn(new StringColumn(null));
        r.addColumn(null, ColumnState.ABSENT);
        r.addColumn(null, ColumnState.DELETED);

        Record back = RecordCodec.decode(RecordCodec.encode(r));

        assertThat(back.getOperation()).isEqualTo(Operation.UPDATE);
        assertThat(back.getColumnNumber()).isEqualTo(r.getColumnNumber());
        for (int i = 0; i < r.getColumnNumber(); i++) {
            assertThat(back.getColumnState(i)).as("state of column %d", i).isEqualTo(r.getColumnState(i));
            assertThat(back.getColumn(i).getType()).as("type of column %d", i).isEqualTo(r.getColumn(i).getType());
            if (r.getColumnState(i) == ColumnState.PRESENT) {
                assertThat(back.getColumn(i).asString()).as("value of column %d", i).isEqualTo(r.getColumn(i).asString());
            }
        }
        assertThat(back.getColumn(5).asBytes()).containsExactly(0, 1, 255);
        assertThat(((DateColumn) back.getColumn(4)).subType()).isEqualTo(DateColumn.DateType.DATE);
        assertThat(back.getColumn(6).getRawData()).isNull();
    }
}
