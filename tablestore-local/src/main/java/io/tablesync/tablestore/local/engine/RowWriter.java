package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.plainbuffer.Cell;
import io.tablesync.tablestore.local.plainbuffer.CellOp;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.storage.KeyCodec;
import io.tablesync.tablestore.local.storage.Keys;
import io.tablesync.tablestore.local.storage.Kv;
import io.tablesync.tablestore.local.storage.StoredRow;
import io.tablesync.tablestore.local.storage.StoredRow.Version;
import io.tablesync.tablestore.local.storage.TableInfo;
import io.tablesync.tablestore.local.stream.StreamRecord;
import io.tablesync.tablestore.local.stream.Streams;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies one row write inside a {@link WriteContext}: checks it against the table, checks its condition against
 * the current row, records the new row and the matching stream record in the context's batch. The caller holds the
 * row's write-unit lock until the batch is committed, so rows and records of a shard commit in one order.
 * Everything that can reject the row is checked before the context is changed.
 */
public final class RowWriter {

    /** The outcome of one applied row: what to return (ReturnContent) and the capacity units it consumed. */
    public record Applied(PbRow returned, int readUnits, int writeUnits) {
    }

    private final Streams streams;
    private final MicroClock clock;

    public RowWriter(Streams streams, MicroClock clock) {
        this.streams = streams;
        this.clock = clock;
    }

    Applied apply(Table table, Routing.Unit unit, RowChange change, WriteContext ctx) {
        TableInfo info = table.info();
        long now = clock.nowMillis();
        PbRow row = change.row();
        List<Value> pk = PrimaryKeys.validate(info, row.primaryKey(),
                change.type() == RowChange.Type.DELETE ? PrimaryKeys.Use.ROW : PrimaryKeys.Use.WRITE);
        checkCells(info, change, now);
        checkReturnContent(change);
        pk = resolveAutoIncrement(table, pk, ctx);

        byte[] key = table.rowKey(KeyCodec.encode(pk));
        // A put or delete replaces the row: it needs the stored row only for a condition or the stream's before-image.
        boolean needsOld = change.type() == RowChange.Type.UPDATE || change.condition().checksRow()
                || (unit.shard() != null && !info.streamOriginColumns().isEmpty());
        StoredRow old = needsOld ? RowReader.decode(ctx.row(key)) : null;
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
            if (old != null || !needsOld) {
                ctx.deleteRow(key);
            }
        } else {
            ctx.putRow(key, updated.encode());
        }

        List<Cell> pkCells = PrimaryKeys.cells(info, pk);
        if (unit.shard() != null) {
            PbRow record = new PbRow(pkCells, recordCells, action == StreamRecord.DELETE_ROW, null);
            streams.append(ctx.batch(), streams.log(info.streamId(), unit.shard().id()), action, record,
                    originOf(info, pkCells, old, now), ctx.onCommit, ctx.onAbort);
        }
        long pkBytes = DataSize.of(pkCells);
        int write = DataSize.units(pkBytes + DataSize.of(row.cells()));
        int read = change.condition().checksRow() ? DataSize.units(pkBytes) : 0;
        return new Applied(returnRow(info, pk, updated, change, now), read, write);
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
                    Value result = incremented(info, row, c, now);
                    row.putVersion(c.name(), now, result);
                    recordCells.add(Cell.put(c.name(), result, now));
                    break;
                }
            }
        }
    }

    private static Value incremented(TableInfo info, StoredRow row, Cell c, long now) {
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
        return Value.ofInteger(base + c.value().asLong());
    }

    /** Checks of the cells that need the table (the request limits were checked before it was looked up). */
    private static void checkCells(TableInfo info, RowChange change, long now) {
        if (change.type() == RowChange.Type.UPDATE && !info.allowUpdate()) {
            throw OtsException.parameterInvalid("UpdateRow is not allowed on table " + info.name()
                    + " (allow_update is false).");
        }
        for (Cell c : change.row().cells()) {
            if (PrimaryKeys.isPkName(info, c.name())) {
                throw OtsException.parameterInvalid("Attribute column " + c.name() + " has the name of a primary key column.");
            }
            CellOp op = c.op();
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

    /**
     * ReturnContent as the service allows it: RT_PK returns the key and takes no return columns; RT_AFTER_MODIFY
     * returns columns this UpdateRow increments, and no others.
     */
    private static void checkReturnContent(RowChange change) {
        if (change.returnType() == RowChange.RT_PK && !change.returnColumns().isEmpty()) {
            throw OtsException.parameterInvalid("Return columns are only allowed with ReturnType RT_AFTER_MODIFY.");
        }
        if (change.returnType() == RowChange.RT_AFTER_MODIFY) {
            if (change.type() != RowChange.Type.UPDATE) {
                throw OtsException.parameterInvalid("ReturnType RT_AFTER_MODIFY is only allowed in UpdateRow.");
            }
            Set<String> increments = new HashSet<>();
            for (Cell c : change.row().cells()) {
                if (c.op() == CellOp.INCREMENT) {
                    increments.add(c.name());
                }
            }
            for (String name : change.returnColumns()) {
                if (!increments.contains(name)) {
                    throw OtsException.parameterInvalid("The return column '" + name + "' is not incremented by this"
                            + " UpdateRow; ReturnType RT_AFTER_MODIFY returns increment columns only.");
                }
            }
        }
    }

    /**
     * Replaces the AUTO_INCREMENT placeholder by a value greater than every one handed out before and at least the
     * current time in microseconds (so values also keep growing across restarts).
     */
    private List<Value> resolveAutoIncrement(Table table, List<Value> pk, WriteContext ctx) {
        List<Value> out = null;
        for (int i = 0; i < pk.size(); i++) {
            if (pk.get(i).type() == Value.Type.AUTO_INCREMENT) {
                if (out == null) {
                    out = new ArrayList<>(pk);
                }
                long now = clock.nowMicros();
                long next = table.autoIncrement.updateAndGet(last -> Math.max(now, last + 1));
                ctx.batch().put(Kv.Space.META, Database.autoIncrementKey(table.info().tableNo()), Keys.longBytes(next));
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
