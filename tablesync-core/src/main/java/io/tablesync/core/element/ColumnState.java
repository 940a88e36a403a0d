package io.tablesync.core.element;

/**
 * Whether a column is part of this change. ABSENT is not null: a partial update that did not
 * touch a column must never erase it downstream (DESIGN.md invariant 2).
 */
public enum ColumnState {
    /** The change sets this column to the column's value (which may be null). */
    PRESENT,
    /** The change does not touch this column. Its value slot holds a null StringColumn for DataX plugins. */
    ABSENT,
    /** The change deletes this column. */
    DELETED
}
