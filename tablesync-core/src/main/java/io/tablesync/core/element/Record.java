package io.tablesync.core.element;

/**
 * An ordered list of columns plus, beyond DataX, the {@link Operation}, each column's
 * {@link ColumnState} and the source {@link Position}. Method names follow DataX so plugin code
 * reads familiar.
 */
public interface Record {
    /** Appends a PRESENT column. */
    void addColumn(Column column);

    /** Appends a column in the given state; ABSENT and DELETED columns hold a null value. */
    void addColumn(Column column, ColumnState state);

    void setColumn(int index, Column column);

    /** The column at index, or null when out of range (DataX semantics). */
    Column getColumn(int index);

    int getColumnNumber();

    ColumnState getColumnState(int index);

    Operation getOperation();

    void setOperation(Operation operation);

    /** Source position, or null for sources without one (streamreader). */
    Position getPosition();

    void setPosition(Position position);

    /** Sum of the columns' byte sizes: what the speed statistics count. */
    int getByteSize();

    /** Estimated heap footprint, used to bound channel memory. */
    int getMemorySize();
}
