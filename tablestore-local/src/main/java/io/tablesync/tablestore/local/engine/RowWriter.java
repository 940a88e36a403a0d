package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.plainbuffer.Cell;
import io.tablesync.tablestore.local.plainbuffer.CellOp;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.storage.Bin;
import io.tablesync.tablestore.local.storage.KeyCodec;
import io.tablesync.tablestore.local.storage.Store;
import io.tablesync.tablestore.local.storage.StoredRow;
import io.tablesync.tablestore.local.storage.StoredRow.Version;
import io.tablesync.tablestore.local.storage.TableInfo;
import io.tablesync.tablestore.local.stream.StreamRecord;
import io.tablesync.tablestore.local.stream.Streams;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one row write: validates it, checks its condition against the current row, stores the new row and
 * appends the matching stream record — all under the store's write lock, so the row and its record commit
 * together and records follow commit order.
 */
public final class RowWriter {

    private static final int MAX_COLUMNS_PER_WRITE = 1024;
    private static final int MAX_VALUE_BYTES = 2 * 1024 * 1024;

    private final Store store;
    private final Streams streams;
    private final MicroClock clock;

    public RowWriter(Store store, Streams streams, MicroClock clock) {
        this.store = store;
        this.streams = streams;
        this.clock = clock;
    }

    /** Applies the change; returns the row to send back (ReturnContent) or null. Under the write lock. */
    public PbRow apply(Table table, RowChange change) {
        TableInfo info = table.info();
        long now = clock.nowMillis();
        PbRow row = change.row();
        List<Value> pk = PrimaryKeys.validate(info, row.primaryKey(),
                change.type() == RowChange.Type.PUT ? PrimaryKeys.Use.PUT : PrimaryKeys.Use.ROW);
        validateCells(info, change, now);
        pk = resolveAutoIncrement(info, pk);

        byte[] key = KeyCodec.encode(pk);
        StoredRow old = RowReader.decode(table.rows().get(key));
        checkCondition(info, old, change.condition(), now);

        StoredRow updated;
        List<Cell> recordCells = new ArrayList<>();
        int action;
        switch (change.type()) {
            case PUT:
                updated = new StoredRow(pk);
                for (Cell c : row.cells()) {
                    long ts = c.timestamp() != null ? c.timestamp() : now;
                    updated.putVersion(c.name(), ts, c.value());
                    recordCells.add(Cell.put(c.name(), c.value(), ts));
                }
                updated.trimVersions(info.maxVersions());
                action = StreamRecord.PUT_ROW;
                break;
            case UPDATE:
                if (!info.allowUpdate()) {
                    throw OtsException.parameterInvalid("UpdateRow is not allowed on table " + info.name()
                            + " (allow_update is false).");
                }
                updated = old == null ? new StoredRow(pk) : old.copy();
                applyUpdate(info, updated, row.cells(), recordCells, now);
                updated.trimVersions(info.maxVersions());
                action = StreamRecord.UPDATE_ROW;
                break;
            default:
                updated = null;
                action = StreamRecord.DELETE_ROW;
                break;
        }

        if (updated == null || (change.type() == RowChange.Type.UPDATE && !updated.hasColumns())) {
            if (old != null) {
                table.rows().remove(key);
            }
        } else {
            table.rows().put(key, updated.encode());
        }

        if (info.streamId() != null) {
            List<Cell> pkCells = PrimaryKeys.cells(info, pk);
            PbRow record = new PbRow(pkCells, recordCells, action == StreamRecord.DELETE_ROW, null);
            streams.append(info.streamId(), pk.get(0), action, record, originOf(info, pkCells, old, now));
        }
        return returnRow(info, pk, updated, change, now);
    }

    private void applyUpdate(TableInfo info, StoredRow row, List<Cell> cells, List<Cell> recordCells, long now) {
        for (Cell c : cells) {
            switch (c.op()) {
                case PUT: {
                    long ts = c.timestamp() != null ? c.timestamp() : now;
                    row.putVersion(c.name(), ts, c.value());
                    recordCells.add(Cell.put(c.name(), c.value(), ts));
                    break;
                }
                case DELETE_ONE_VERSION:
                    row.deleteVersion(c.name(), c.timestamp());
                    recordCells.add(new Cell(c.name(), null, CellOp.DELETE_ONE_VERSION, c.timestamp()));
                    break;
                case DELETE_ALL_VERSION:
                    row.deleteColumn(c.name());
                    recordCells.add(new Cell(c.name(), null, CellOp.DELETE_ALL_VERSION, null));
                    break;
                default: {
                    // Increments reach the stream as the resulting PUT cell: stream readers know no INCREMENT.
                    List<Version> current = Versions.visible(info, row.versions(c.name()), now);
                    long base = 0;
                    if (!current.isEmpty()) {
                        Value v = current.get(0).value();
                        if (v.type() != Value.Type.INTEGER) {
                            throw OtsException.parameterInvalid("Column " + c.name()
                                    + " must be INTEGER to be incremented but it is " + v.type() + ".");
                        }
                        base = v.asLong();
                    }
                    Value result = Value.ofInteger(base + c.value().asLong());
                    row.putVersion(c.name(), now, result);
                    recordCells.add(Cell.put(c.name(), result, now));
                    break;
                }
            }
        }
    }

    private void validateCells(TableInfo info, RowChange change, long now) {
        List<Cell> cells = change.row().cells();
        if (cells.size() > MAX_COLUMNS_PER_WRITE) {
            throw OtsException.parameterInvalid("The number of columns in one write must be at most "
                    + MAX_COLUMNS_PER_WRITE + ".");
        }
        if (change.type() == RowChange.Type.DELETE && !cells.isEmpty()) {
            throw OtsException.parameterInvalid("A delete must not carry attribute columns.");
        }
        for (Cell c : cells) {
            if (c.name().isEmpty()) {
                throw OtsException.parameterInvalid("Column name must not be empty.");
            }
            if (PrimaryKeys.isPkName(info, c.name())) {
                throw OtsException.parameterInvalid("Attribute column " + c.name() + " has the name of a primary key column.");
            }
            CellOp op = c.op();
            if (change.type() == RowChange.Type.PUT && op != CellOp.PUT) {
                throw OtsException.parameterInvalid("PutRow cells must not carry an operation type.");
            }
            switch (op) {
                case PUT:
                case INCREMENT:
                    if (c.value() == null || c.value().isInfinite() || c.value().type() == Value.Type.AUTO_INCREMENT) {
                        throw OtsException.parameterInvalid("Column " + c.name() + " needs a value.");
                    }
                    if (op == CellOp.INCREMENT && (c.value().type() != Value.Type.INTEGER || c.timestamp() != null)) {
                        throw OtsException.parameterInvalid("Increment of column " + c.name()
                                + " needs an INTEGER value and no timestamp.");
                    }
                    if (c.value().bytes() != null && c.value().bytes().length > MAX_VALUE_BYTES) {
                        throw OtsException.parameterInvalid("The value of column " + c.name() + " is larger than 2 MB.");
                    }
                    break;
                case DELETE_ONE_VERSION:
                    if (c.timestamp() == null) {
                        throw OtsException.parameterInvalid("Deleting one version of column " + c.name()
                                + " needs a timestamp.");
                    }
                    break;
                default:
                    break;
            }
            if (c.timestamp() != null && op != CellOp.DELETE_ONE_VERSION) {
                long deviationMs = info.deviationCellVersionInSec() * 1000L;
                if (Math.abs(c.timestamp() - now) > deviationMs) {
                    throw OtsException.parameterInvalid("The timestamp " + c.timestamp() + " of column " + c.name()
                            + " deviates from the server time by more than " + info.deviationCellVersionInSec()
                            + " seconds.");
                }
            }
        }
    }

    private List<Value> resolveAutoIncrement(TableInfo info, List<Value> pk) {
        List<Value> out = null;
        for (int i = 0; i < pk.size(); i++) {
            if (pk.get(i).type() == Value.Type.AUTO_INCREMENT) {
                if (out == null) {
                    out = new ArrayList<>(pk);
                }
                String metaKey = "autoinc/" + info.tableId();
                byte[] last = store.getMeta(metaKey);
                long next = Math.max(clock.nowMicros(), last == null ? 0 : new Bin.In(last).i64() + 1);
                store.putMeta(metaKey, new Bin.Out(8).i64(next).toByteArray());
                out.set(i, Value.ofInteger(next));
            }
        }
        return out == null ? pk : out;
    }

    private static void checkCondition(TableInfo info, StoredRow old, RowCondition cond, long now) {
        boolean exists = Versions.exists(info, old, now);
        if (cond.existence() == RowCondition.EXPECT_EXIST && !exists) {
            throw OtsException.conditionCheckFail();
        }
        if (cond.existence() == RowCondition.EXPECT_NOT_EXIST && exists) {
            throw OtsException.conditionCheckFail();
        }
        if (cond.columnCondition() != null
                && !cond.columnCondition().test(Versions.visibleColumns(info, exists ? old : null, now))) {
            throw OtsException.conditionCheckFail();
        }
    }

    /** Before-image of the stream's origin columns (latest version of each), or null when none are configured. */
    private static PbRow originOf(TableInfo info, List<Cell> pkCells, StoredRow old, long now) {
        if (info.streamOriginColumns().isEmpty()) {
            return null;
        }
        List<Cell> cells = new ArrayList<>();
        if (old != null) {
            for (String name : info.streamOriginColumns()) {
                List<Version> v = Versions.visible(info, old.versions(name), now);
                if (!v.isEmpty()) {
                    cells.add(Cell.put(name, v.get(0).value(), v.get(0).ts()));
                }
            }
        }
        return new PbRow(pkCells, cells);
    }

    private static PbRow returnRow(TableInfo info, List<Value> pk, StoredRow updated, RowChange change, long now) {
        if (change.returnType() == RowChange.RT_PK) {
            return new PbRow(PrimaryKeys.cells(info, pk), List.of());
        }
        if (change.returnType() == RowChange.RT_AFTER_MODIFY) {
            List<Cell> cells = new ArrayList<>();
            if (updated != null) {
                for (String name : change.returnColumns()) {
                    List<Version> v = Versions.visible(info, updated.versions(name), now);
                    if (!v.isEmpty()) {
                        cells.add(Cell.put(name, v.get(0).value(), v.get(0).ts()));
                    }
                }
            }
            return new PbRow(PrimaryKeys.cells(info, pk), cells);
        }
        return null;
    }
}
