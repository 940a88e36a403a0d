package io.tablesync.plugin.tablestore.stream;

import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.RecordColumn;
import com.alicloud.openservices.tablestore.model.StreamRecord;
import io.tablesync.core.element.DefaultRecord;
import io.tablesync.core.element.LongColumn;
import io.tablesync.core.element.Record;
import io.tablesync.core.element.StringColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * DataX's default layout: one record per cell change,
 * {@code pk… , columnName, version(ms), value, opType [, sequenceInfo]} with opType U (put),
 * DO (delete one version), DA (delete all versions) or DR (delete row). A PutRow replaces the
 * row, so it starts with a DR record and then one U per column.
 */
public final class MultiVersionRecordMapper implements RecordMapper {
    static final String PUT = "U";
    static final String DELETE_ONE_VERSION = "DO";
    static final String DELETE_ALL_VERSIONS = "DA";
    static final String DELETE_ROW = "DR";

    private final boolean sequenceInfo;

    public MultiVersionRecordMapper(boolean sequenceInfo) {
        this.sequenceInfo = sequenceInfo;
    }

    @Override
    public List<Record> map(StreamRecord r, String shardId) {
        List<Record> out = new ArrayList<>(r.getColumns().size() + 1);
        int index = 0;
        switch (r.getRecordType()) {
            case PUT -> {
                out.add(deleteRow(r, shardId, index++));
                for (RecordColumn c : r.getColumns()) {
                    out.add(cell(r, shardId, c, index++));
                }
            }
            case UPDATE -> {
                for (RecordColumn c : r.getColumns()) {
                    out.add(cell(r, shardId, c, index++));
                }
            }
            case DELETE -> out.add(deleteRow(r, shardId, index));
            default -> throw new IllegalStateException("unknown stream record type " + r.getRecordType());
        }
        return out;
    }

    private Record deleteRow(StreamRecord r, String shardId, int index) {
        Record rec = keyed(r);
        rec.addColumn(new StringColumn(null));
        rec.addColumn(new StringColumn(null));
        rec.addColumn(new StringColumn(null));
        rec.addColumn(new StringColumn(DELETE_ROW));
        return finish(rec, r, shardId, index);
    }

    private Record cell(StreamRecord r, String shardId, RecordColumn c, int index) {
        Record rec = keyed(r);
        rec.addColumn(new StringColumn(c.getColumn().getName()));
        switch (c.getColumnType()) {
            case PUT -> {
                rec.addColumn(new LongColumn(c.getColumn().getTimestamp()));
                rec.addColumn(OtsValues.of(c.getColumn().getValue()));
                rec.addColumn(new StringColumn(PUT));
            }
            case DELETE_ONE_VERSION -> {
                rec.addColumn(new LongColumn(c.getColumn().getTimestamp()));
                rec.addColumn(new StringColumn(null));
                rec.addColumn(new StringColumn(DELETE_ONE_VERSION));
            }
            case DELETE_ALL_VERSION -> {
                rec.addColumn(new StringColumn(null));
                rec.addColumn(new StringColumn(null));
                rec.addColumn(new StringColumn(DELETE_ALL_VERSIONS));
            }
            default -> throw new IllegalStateException("unknown column operation " + c.getColumnType());
        }
        return finish(rec, r, shardId, index);
    }

    private static Record keyed(StreamRecord r) {
        Record rec = new DefaultRecord(r.getPrimaryKey().getPrimaryKeyColumns().length + 5);
        for (PrimaryKeyColumn pk : r.getPrimaryKey().getPrimaryKeyColumns()) {
            rec.addColumn(OtsValues.of(pk.getValue()));
        }
        return rec;
    }

    private Record finish(Record rec, StreamRecord r, String shardId, int index) {
        if (sequenceInfo) {
            rec.addColumn(new StringColumn(SequenceInfo.ofColumn(r.getSequenceInfo(), shardId, index)));
        }
        return rec;
    }
}
