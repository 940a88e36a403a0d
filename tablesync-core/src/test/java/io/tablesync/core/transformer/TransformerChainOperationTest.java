package io.tablesync.core.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tablesync.core.config.Configuration;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.DefaultRecord;
import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import io.tablesync.core.element.StringColumn;
import org.junit.jupiter.api.Test;

/**
 * What a transformer sees on records that carry an operation (README "Transformers"): only PRESENT
 * columns are transformed; ABSENT stays ABSENT; dx_filter never drops a change because of a value
 * the change does not carry; a DELETED column compares as null; key columns of a DELETE are
 * transformed like those of an upsert, so the delete reaches the same document.
 */
class TransformerChainOperationTest {
    private static TransformerChain.Task chain(String transformers) {
        return TransformerChain.fromJob(Configuration.fromJson("{\"job\":{\"content\":[{\"transformer\":" + transformers + "}]}}"))
                .forTask();
    }

    /** [key, name, phone] of an UPDATE that sets name, deletes phone; or of a DELETE (only the key). */
    private static Record update() {
        Record r = new DefaultRecord();
        r.setOperation(Operation.UPDATE);
        r.addColumn(new StringColumn("user-0001"));
        r.addColumn(null, ColumnState.ABSENT);
        r.addColumn(null, ColumnState.DELETED);
        return r;
    }

    private static Record delete() {
        Record r = new DefaultRecord();
        r.setOperation(Operation.DELETE);
        r.addColumn(new StringColumn("user-0001"));
        r.addColumn(null, ColumnState.ABSENT);
        r.addColumn(null, ColumnState.ABSENT);
        return r;
    }

    @Test
    void valueTransformersLeaveAbsentAndDeletedColumnsAlone() {
        Record r = chain("[{\"name\":\"dx_pad\",\"parameter\":{\"columnIndex\":1,\"paras\":[\"l\",\"3\",\"x\"]}},"
                + "{\"name\":\"dx_digest\",\"parameter\":{\"columnIndex\":2,\"paras\":[\"md5\",\"toLowerCase\"]}}]").apply(update());
        // DataX would pad/digest the null as "": on a partial update that would overwrite both fields
        assertThat(r.getColumnState(1)).isEqualTo(ColumnState.ABSENT);
        assertThat(r.getColumn(1).getRawData()).isNull();
        assertThat(r.getColumnState(2)).isEqualTo(ColumnState.DELETED);
        assertThat(r.getColumn(2).getRawData()).isNull();
    }

    @Test
    void keyColumnsOfADeleteAreTransformedLikeThoseOfAnUpsert() {
        Record r = chain("[{\"name\":\"dx_substr\",\"parameter\":{\"columnIndex\":0,\"paras\":[\"5\",\"4\"]}}]").apply(delete());
        assertThat(r.getOperation()).isEqualTo(Operation.DELETE);
        assertThat(r.getColumn(0).asString()).isEqualTo("0001");
    }

    @Test
    void filterKeepsAChangeThatDoesNotCarryTheColumnAndComparesADeletedColumnAsNull() {
        TransformerChain.Task onAbsent = chain("[{\"name\":\"dx_filter\",\"parameter\":{\"columnIndex\":1,\"paras\":[\"=\",\"null\"]}}]");
        assertThat(onAbsent.apply(update())).isNotNull();
        assertThat(onAbsent.apply(delete())).isNotNull();
        TransformerChain.Task notLikeOnAbsent = chain("[{\"name\":\"dx_filter\",\"parameter\":{\"columnIndex\":1,\"paras\":[\"not like\",\"x\"]}}]");
        assertThat(notLikeOnAbsent.apply(update())).isNotNull();
        TransformerChain.Task onDeleted = chain("[{\"name\":\"dx_filter\",\"parameter\":{\"columnIndex\":2,\"paras\":[\"=\",\"null\"]}}]");
        assertThat(onDeleted.apply(update())).isNull();
    }

    @Test
    void groovySeesStatesAndCannotTurnAnAbsentColumnIntoAValue() {
        TransformerChain.Task t = chain("[{\"name\":\"dx_groovy\",\"parameter\":{\"code\":"
                + "\"if (record.getOperation() == Operation.UPDATE && record.getColumnState(1) == ColumnState.ABSENT) {"
                + " record.setColumn(1, new StringColumn('guess')) }; record.setColumn(0, new StringColumn(record.getColumn(0).asString().toUpperCase())); return record\"}}]");
        Record r = t.apply(update());
        assertThat(r.getColumn(0).asString()).isEqualTo("USER-0001");
        assertThat(r.getColumnState(1)).isEqualTo(ColumnState.ABSENT);
    }

    @Test
    void plainRecordsAreUpsertsAndTransformNullsAsDataXDoes() {
        Record r = new DefaultRecord();
        r.addColumn(new StringColumn(null));
        Record out = chain("[{\"name\":\"dx_pad\",\"parameter\":{\"columnIndex\":0,\"paras\":[\"r\",\"5\",\"ab\"]}}]").apply(r);
        assertThat(out.getColumn(0).asString()).isEqualTo("ababa");
    }
}
