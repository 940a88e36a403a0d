package io.tablesync.plugin.tablestore.stream;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.RecordColumn;
import com.alicloud.openservices.tablestore.model.StreamRecord;
import io.tablesync.core.element.Column;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.DefaultRecord;
import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import io.tablesync.core.element.StringColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code single_version_and_update_only}: one record per row change with the configured columns
 * in order (DataX's layout), plus what DataX throws away: the {@link Operation} and each column's
 * {@link ColumnState}. A PutRow is an UPSERT of the whole row (columns it lacks are null); an
 * UpdateRow is an UPDATE whose untouched columns are ABSENT and whose deleted columns are DELETED,
 * so a sink never erases a field the update did not touch; a DeleteRow is a DELETE carrying the
 * key. DataX-style writers still see what DataX sends: ABSENT and DELETED slots hold a null string.
 *
 * <p>An UpdateRow that only deletes columns becomes a DELETE when the row no longer exists: it
 * either deleted the row's last attribute column, or touched an already deleted row. Passed on as
 * an update, a sink would keep (or upsert) an empty document for a row that is gone. Checking the
 * row now is safe in replay: any later change of that row follows in the same shard.
 */
public final class SingleVersionRecordMapper implements RecordMapper {
    private static final Logger LOG = LoggerFactory.getLogger(SingleVersionRecordMapper.class);
    private final List<String> columns;
    private final boolean sequenceInfo;
    private final DeleteMode deleteMode;
    private final Runnable onIgnoredDelete;
    private final RowExistence rowExistence;
    private boolean warnedAboutDroppedChange;

    public SingleVersionRecordMapper(List<String> columns, boolean sequenceInfo, DeleteMode deleteMode,
                                     Runnable onIgnoredDelete, RowExistence rowExistence) {
        this.columns = columns;
        this.sequenceInfo = sequenceInfo;
        this.deleteMode = deleteMode;
        this.onIgnoredDelete = onIgnoredDelete;
        this.rowExistence = rowExistence;
    }

    /** What a change did to one column. */
    private record Cell(Column value, ColumnState state) {
    }

    private static boolean deletesOnly(StreamRecord r) {
        return r.getColumns().stream().noneMatch(c -> c.getColumnType() == RecordColumn.ColumnType.PUT);
    }

    /** An UpdateRow whose translation depends on whether its row still exists. */
    private boolean needsExistence(StreamRecord r) {
        return r.getRecordType() == StreamRecord.RecordType.UPDATE && deleteMode == DeleteMode.PROPAGATE && deletesOnly(r);
    }

    @Override
    public List<Record> map(StreamRecord r, String shardId) {
        return map(r, shardId, needsExistence(r) && !rowExistence.exist(List.of(r.getPrimaryKey()))[0]);
    }

    /**
     * The page's delete-only updates are checked with one batched existence request; one whose row is
     * put or deleted again later in the same page needs no check at all, because that later change
     * decides the document either way.
     */
    @Override
    public List<List<Record>> mapPage(List<StreamRecord> page, String shardId) {
        Map<String, Integer> lastReplacement = new HashMap<>();
        for (int i = 0; i < page.size(); i++) {
            StreamRecord.RecordType type = page.get(i).getRecordType();
            if (type == StreamRecord.RecordType.PUT || type == StreamRecord.RecordType.DELETE) {
                lastReplacement.put(page.get(i).getPrimaryKey().toString(), i);
            }
        }
        List<Integer> checked = new ArrayList<>();
        List<PrimaryKey> keys = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            StreamRecord r = page.get(i);
            if (needsExistence(r) && lastReplacement.getOrDefault(r.getPrimaryKey().toString(), -1) < i) {
                checked.add(i);
                keys.add(r.getPrimaryKey());
            }
        }
        boolean[] gone = new boolean[page.size()];
        if (!keys.isEmpty()) {
            boolean[] exist = rowExistence.exist(keys);
            for (int k = 0; k < checked.size(); k++) {
                gone[checked.get(k)] = !exist[k];
            }
        }
        List<List<Record>> out = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            out.add(map(page.get(i), shardId, gone[i]));
        }
        return out;
    }

    private List<Record> map(StreamRecord r, String shardId, boolean rowGone) {
        Map<String, Cell> cells = new HashMap<>();
        for (PrimaryKeyColumn pk : r.getPrimaryKey().getPrimaryKeyColumns()) {
            cells.put(pk.getName(), new Cell(OtsValues.of(pk.getValue()), ColumnState.PRESENT));
        }
        Operation op;
        switch (r.getRecordType()) {
            case PUT -> op = Operation.UPSERT;
            case UPDATE -> op = rowGone ? Operation.DELETE : Operation.UPDATE;
            case DELETE -> {
                if (deleteMode == DeleteMode.IGNORE) {
                    onIgnoredDelete.run();
                    return List.of();
                }
                op = Operation.DELETE;
            }
            default -> throw new IllegalStateException("unknown stream record type " + r.getRecordType());
        }
        if (op != Operation.DELETE) {
            // In stream order, so when a column appears several times the last operation wins.
            for (RecordColumn c : r.getColumns()) {
                String name = c.getColumn().getName();
                if (c.getColumnType() == RecordColumn.ColumnType.PUT) {
                    cells.put(name, new Cell(OtsValues.of(c.getColumn().getValue()), ColumnState.PRESENT));
                } else if (op == Operation.UPDATE) {
                    cells.put(name, new Cell(null, ColumnState.DELETED));
                }
            }
        }
        // The state a column has when the change does not mention it: a PutRow replaces the whole
        // row, so the column no longer has a value (null); an update or delete leaves it alone.
        ColumnState unmentioned = op == Operation.UPSERT ? ColumnState.PRESENT : ColumnState.ABSENT;
        Record rec = new DefaultRecord(columns.size() + 1);
        rec.setOperation(op);
        boolean anyValue = false;
        for (String name : columns) {
            Cell cell = cells.get(name);
            if (cell == null) {
                rec.addColumn(unmentioned == ColumnState.PRESENT ? new StringColumn(null) : null, unmentioned);
            } else {
                rec.addColumn(cell.value(), cell.state());
                anyValue |= cell.state() == ColumnState.DELETED || cell.value().getRawData() != null;
            }
        }
        if (!anyValue) {
            // DataX drops a change that carries none of the configured columns, silently. Say it once:
            // when it happens to every change, the column names are wrong.
            if (!warnedAboutDroppedChange) {
                warnedAboutDroppedChange = true;
                LOG.warn("otsstreamreader: a change of row {} carries none of the configured columns {} (it has {}); such"
                        + " changes are dropped. If every change is dropped, check job.content[0].reader.parameter.column",
                        r.getPrimaryKey(), columns, cells.keySet());
            }
            return List.of();
        }
        if (sequenceInfo) {
            rec.addColumn(new StringColumn(SequenceInfo.ofRecord(r.getSequenceInfo(), shardId)));
        }
        return List.of(rec);
    }
}
