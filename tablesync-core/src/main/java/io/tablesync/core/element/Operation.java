package io.tablesync.core.element;

/**
 * What a record does to the target row. DataX records carry none; a plain record is an UPSERT of
 * all its columns, so every DataX job keeps its meaning.
 */
public enum Operation {
    /** Replace the whole row with the record's columns. */
    UPSERT,
    /** Change only the PRESENT columns; DELETED columns are removed; ABSENT columns stay as they are. */
    UPDATE,
    /** Delete the row identified by the record's key columns. */
    DELETE
}
