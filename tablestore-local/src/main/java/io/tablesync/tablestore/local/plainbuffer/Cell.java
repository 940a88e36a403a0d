package io.tablesync.tablestore.local.plainbuffer;

/**
 * One PlainBuffer cell: a primary-key column (name + value) or an attribute change.
 *
 * @param name column name
 * @param value value, or null (deletes carry none)
 * @param op cell operation, {@link CellOp#PUT} when the wire has no type byte
 * @param timestamp version in milliseconds, or null when absent
 */
public record Cell(String name, Value value, CellOp op, Long timestamp) {

    public static Cell pk(String name, Value value) {
        return new Cell(name, value, CellOp.PUT, null);
    }

    public static Cell put(String name, Value value, long ts) {
        return new Cell(name, value, CellOp.PUT, ts);
    }
}
