package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.plainbuffer.Cell;
import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.storage.TableInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a primary key sent by a client, in the service's two steps: {@link #checkParameter} (needs no table:
 * column count, infinite values, value length; OTSParameterInvalid) before the table is looked up, then
 * {@link #validate} against the table's schema (size, names, types; OTSInvalidPK).
 */
public final class PrimaryKeys {

    /** Where the key is used decides which special values are allowed. */
    public enum Use {
        /** GetRow, DeleteRow, BatchGetRow: real values only. */
        ROW,
        /** PutRow, UpdateRow: the AUTO_INCREMENT placeholder in an auto-increment column. */
        WRITE,
        /** GetRange bounds: INF_MIN and INF_MAX too. */
        RANGE
    }

    static final int MAX_PK_COLUMNS = 4;
    static final int MAX_PK_VALUE_BYTES = 1024;

    private PrimaryKeys() {
    }

    /** The service's name of a value type in its messages. */
    public static String typeName(Value.Type t) {
        return switch (t) {
            case INTEGER -> "VT_INTEGER";
            case DOUBLE -> "VT_DOUBLE";
            case BOOLEAN -> "VT_BOOLEAN";
            case STRING -> "VT_STRING";
            case BINARY -> "VT_BLOB";
            case INF_MIN -> "VT_INF_MIN";
            case INF_MAX -> "VT_INF_MAX";
            case AUTO_INCREMENT -> "VT_AUTO_INCREMENT";
        };
    }

    /** Checks that need no table. */
    public static void checkParameter(List<Cell> pk, Use use) {
        if (pk.isEmpty() || pk.size() > MAX_PK_COLUMNS) {
            throw OtsException.parameterInvalid("The number of primary key columns must be in range: [1, 4].");
        }
        for (Cell c : pk) {
            Value v = c.value();
            if (v == null) {
                throw OtsException.parameterInvalid("The primary key column '" + c.name() + "' has no value.");
            }
            if (v.isInfinite() && use != Use.RANGE
                    || v.type() == Value.Type.AUTO_INCREMENT && use != Use.WRITE
                    || v.type() == Value.Type.DOUBLE || v.type() == Value.Type.BOOLEAN) {
                throw OtsException.parameterInvalid(typeName(v.type()) + " is an invalid type for the primary key.");
            }
            if (v.bytes() != null && v.bytes().length > MAX_PK_VALUE_BYTES) {
                throw OtsException.parameterInvalid("The length of primary key column: '" + c.name()
                        + "' exceeds the MaxLength:" + MAX_PK_VALUE_BYTES + " with CurrentLength:" + v.bytes().length + ".");
            }
        }
    }

    /** Checks the key against the table's schema; returns its values. */
    public static List<Value> validate(TableInfo table, List<Cell> pk, Use use) {
        List<TableInfo.PkColumn> schema = table.primaryKey();
        if (pk.size() != schema.size()) {
            throw OtsException.invalidPk("Validate PK size fail. Input: " + pk.size() + ", Meta: " + schema.size() + ".");
        }
        List<Value> values = new ArrayList<>(pk.size());
        for (int i = 0; i < schema.size(); i++) {
            TableInfo.PkColumn col = schema.get(i);
            Cell cell = pk.get(i);
            if (!col.name().equals(cell.name())) {
                throw OtsException.invalidPk("Validate PK name fail. Input: " + cell.name() + ", Meta: " + col.name() + ".");
            }
            Value v = cell.value();
            boolean ok = v.type() == col.type()
                    || (use == Use.RANGE && v.isInfinite())
                    || (use == Use.WRITE && col.autoIncrement() && v.type() == Value.Type.AUTO_INCREMENT);
            if (!ok) {
                throw OtsException.invalidPk("Validate PK type fail. Input: " + typeName(v.type()) + ", Meta: "
                        + typeName(col.type()) + ".");
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
