package io.tablesync.core.element;

import java.util.Arrays;

/** The engine's record: an array of columns, lazily a parallel array of states, cached sizes. */
public final class DefaultRecord implements Record {
    private static final int RECORD_OVERHEAD = 56;
    private static final int COLUMN_OVERHEAD = 24;
    private static final Column ABSENT_VALUE = new StringColumn(null);

    private Column[] columns;
    private ColumnState[] states; // null while every column is PRESENT (the common case)
    private int size;
    private int byteSize;
    private int memorySize = RECORD_OVERHEAD;
    private Operation operation = Operation.UPSERT;
    private Position position;

    public DefaultRecord() {
        this(8);
    }

    public DefaultRecord(int expectedColumns) {
        columns = new Column[Math.max(1, expectedColumns)];
    }

    @Override
    public void addColumn(Column column) {
        ensureCapacity(size + 1);
        columns[size++] = column;
        account(column, +1);
    }

    @Override
    public void addColumn(Column column, ColumnState state) {
        if (state != ColumnState.PRESENT) {
            if (states == null) {
                states = new ColumnState[columns.length];
                Arrays.fill(states, 0, size, ColumnState.PRESENT);
            }
            column = column == null ? ABSENT_VALUE : column;
        }
        addColumn(column);
        if (states != null) {
            states[size - 1] = state;
        }
    }

    @Override
    public void setColumn(int index, Column column) {
        if (index < 0) {
            throw new IndexOutOfBoundsException(index);
        }
        ensureCapacity(index + 1);
        while (size <= index) {
            columns[size++] = null;
            if (states != null) {
                states[size - 1] = ColumnState.PRESENT;
            }
        }
        if (columns[index] != null) {
            account(columns[index], -1);
        }
        columns[index] = column;
        account(column, +1);
    }

    @Override
    public Column getColumn(int index) {
        return index < 0 || index >= size ? null : columns[index];
    }

    @Override
    public int getColumnNumber() {
        return size;
    }

    @Override
    public ColumnState getColumnState(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("column " + index + " of a record with " + size + " columns");
        }
        return states == null ? ColumnState.PRESENT : states[index];
    }

    @Override
    public Operation getOperation() {
        return operation;
    }

    @Override
    public void setOperation(Operation operation) {
        this.operation = operation;
    }

    @Override
    public Position getPosition() {
        return position;
    }

    @Override
    public void setPosition(Position position) {
        this.position = position;
    }

    @Override
    public int getByteSize() {
        return byteSize;
    }

    @Override
    public int getMemorySize() {
        return memorySize;
    }

    private void account(Column c, int sign) {
        if (c != null) {
            byteSize += sign * c.getByteSize();
            memorySize += sign * (COLUMN_OVERHEAD + c.getByteSize());
        }
    }

    private void ensureCapacity(int n) {
        if (n > columns.length) {
            int cap = Math.max(n, columns.length * 2);
            columns = Arrays.copyOf(columns, cap);
            if (states != null) {
                states = Arrays.copyOf(states, cap);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(operation.name()).append('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            ColumnState st = getColumnState(i);
            sb.append(st == ColumnState.PRESENT ? String.valueOf(columns[i]) : st.name());
        }
        return sb.append(']').toString();
    }
}
