package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.plainbuffer.Cell;
import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.storage.TableInfo;
import java.util.ArrayList;
import java.util.List;

/** Checks a primary key sent by a client against the table schema. */
public final class PrimaryKeys {

    /** Where the key is used decides which special values are allowed. */
    public enum Use { ROW, PUT, RANGE }

    private PrimaryKeys() {
    }

    public static List<Value> validate(TableInfo table, List<Cell> pk, Use use) {
        List<TableInfo.PkColumn> schema = table.primaryKey();
        if (pk.size() != schema.size()) {
            throw OtsException.parameterInvalid("The number of primary key columns must be " + schema.size()
                    + " but it was " + pk.size() + ".");
        }
        List<Value> values = new ArrayList<>(pk.size());
        for (int i = 0; i < schema.size(); i++) {
            TableInfo.PkColumn col = schema.get(i);
            Cell cell = pk.get(i);
            if (!col.name().equals(cell.name())) {
                throw OtsException.parameterInvalid("Validate PK name fail. Input: " + cell.name() + ", Meta: "
                        + col.name() + ".");
            }
            Value v = cell.value();
            if (v == null) {
                throw OtsException.parameterInvalid("Primary key column " + col.name() + " has no value.");
            }
            boolean ok = v.type() == col.type()
                    || (use == Use.RANGE && v.isInfinite())
                    || (use == Use.PUT && col.autoIncrement() && v.type() == Value.Type.AUTO_INCREMENT);
            if (!ok) {
                throw OtsException.parameterInvalid("Validate PK type fail. Input: " + v.type() + ", Meta: "
                        + col.type() + " for column " + col.name() + ".");
            }
            if ((v.type() == Value.Type.STRING || v.type() == Value.Type.BINARY) && v.bytes().length > 1024) {
                throw OtsException.parameterInvalid("The length of primary key column " + col.name()
                        + " must be at most 1024 bytes.");
            }
            values.add(v);
        }
        return values;
    }

    /** Whether a column name is one of the table's primary-key columns. */
    public static boolean isPkName(TableInfo table, String name) {
        for (TableInfo.PkColumn c : table.primaryKey()) {
            if (c.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    public static List<Cell> cells(TableInfo table, List<Value> values) {
        List<Cell> cells = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            cells.add(Cell.pk(table.primaryKey().get(i).name(), values.get(i)));
        }
        return cells;
    }
}
