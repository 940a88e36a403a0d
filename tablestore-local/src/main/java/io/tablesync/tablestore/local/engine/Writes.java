package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.storage.Kv;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs row writes with the locks they need: the tables' topology locks shared (in table-number order), then the
 * write units' locks (in table-number, unit order), so a request never deadlocks with another and never waits for
 * writers of other units. A request's rows are committed as one batch: one durable store write per request.
 */
public final class Writes {

    /** One row of a batch: its table and change, or the error it already failed with. */
    public record Row(Table table, RowChange change, OtsException error) {
    }

    private final Kv kv;
    private final RowWriter writer;

    Writes(Kv kv, RowWriter writer) {
        this.kv = kv;
        this.writer = writer;
    }

    /** PutRow, UpdateRow, DeleteRow. */
    public RowWriter.Applied one(Table table, RowChange change) {
        Object result = batch(List.of(new Row(table, change, null)), false).get(0);
        if (result instanceof OtsException e) {
            throw e;
        }
        return (RowWriter.Applied) result;
    }

    /**
     * BatchWriteRow: per row (in request order) a {@link RowWriter.Applied} or the {@link OtsException} it failed
     * with. With {@code atomic}, each table's rows must share one partition key and succeed or fail together.
     */
    public List<Object> batch(List<Row> rows, boolean atomic) {
        Object[] results = new Object[rows.size()];
        TreeMap<Long, Table> tables = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.error() != null) {
                results[i] = r.error();
            } else {
                tables.put(r.table().info().tableNo(), r.table());
            }
        }
        List<Table> locked = new ArrayList<>();
        List<Routing.Unit> lockedUnits = new ArrayList<>();
        try {
            for (Table t : tables.values()) {
                t.topology().readLock().lock();
                locked.add(t);
            }
            Routing.Unit[] units = new Routing.Unit[rows.size()];
            // Units of different tables never share a lock; order by table number, then by position in the table.
            TreeSet<Routing.Unit> toLock = new TreeSet<>(Comparator.comparingLong(Routing.Unit::tableNo)
                    .thenComparingInt(Routing.Unit::order));
            for (int i = 0; i < rows.size(); i++) {
                if (results[i] != null) {
                    continue;
                }
                Row r = rows.get(i);
                if (r.table().dropped()) {
                    results[i] = OtsException.tableNotExist();
                    continue;
                }
                units[i] = r.table().routing().unitFor(partitionKey(r.change()));
                toLock.add(units[i]);
            }
            for (Routing.Unit u : toLock) {
                u.lock().lock();
                lockedUnits.add(u);
            }
            if (atomic) {
                applyAtomically(rows, units, results);
            } else {
                WriteContext ctx = new WriteContext(kv);
                try {
                    for (int i = 0; i < rows.size(); i++) {
                        if (results[i] == null) {
                            results[i] = applyOne(rows.get(i), units[i], ctx);
                        }
                    }
                    ctx.commit();
                } finally {
                    ctx.abort();
                }
            }
        } finally {
            for (int i = lockedUnits.size() - 1; i >= 0; i--) {
                lockedUnits.get(i).lock().unlock();
            }
            for (int i = locked.size() - 1; i >= 0; i--) {
                locked.get(i).topology().readLock().unlock();
            }
        }
        return List.of(results);
    }

    private Object applyOne(Row r, Routing.Unit unit, WriteContext ctx) {
        try {
            return writer.apply(r.table(), unit, r.change(), ctx);
        } catch (OtsException e) {
            return e;
        }
    }

    /** Each table's rows in their own batch: all of them, or, if one fails, none (each row reports why). */
    private void applyAtomically(List<Row> rows, Routing.Unit[] units, Object[] results) {
        Map<Table, List<Integer>> byTable = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (results[i] == null) {
                byTable.computeIfAbsent(rows.get(i).table(), t -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> indexes : byTable.values()) {
            Value first = partitionKey(rows.get(indexes.get(0)).change());
            OtsException outOfScope = null;
            for (int i : indexes) {
                Value pk0 = partitionKey(rows.get(i).change());
                if (!pk0.equals(first)) {
                    outOfScope = new OtsException("OTSDataOutOfRange", 400, "Data out of scope of atomic. Atomic PartKey:"
                            + plain(first) + ". Data PartKey:" + plain(pk0));
                    break;
                }
            }
            if (outOfScope != null) {
                for (int i : indexes) {
                    results[i] = outOfScope;
                }
                continue;
            }
            WriteContext ctx = new WriteContext(kv);
            OtsException failed = null;
            try {
                for (int i : indexes) {
                    results[i] = applyOne(rows.get(i), units[i], ctx);
                    if (results[i] instanceof OtsException e && failed == null) {
                        failed = e;
                    }
                }
                if (failed == null) {
                    ctx.commit();
                }
            } finally {
                ctx.abort();
            }
            if (failed != null) {
                for (int i : indexes) {
                    if (!(results[i] instanceof OtsException)) {
                        results[i] = failed;
                    }
                }
            }
        }
    }

    static Value partitionKey(RowChange change) {
        return change.row().primaryKey().get(0).value();
    }

    /** A partition key as the service prints it in messages. */
    private static String plain(Value v) {
        return v.type() == Value.Type.STRING ? v.asString() : v.toString();
    }
}
