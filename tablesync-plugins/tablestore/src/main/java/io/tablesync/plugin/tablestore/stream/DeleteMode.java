package io.tablesync.plugin.tablestore.stream;

/** What single-version mode does with a DeleteRow. */
public enum DeleteMode {
    /** Emit a DELETE record carrying the primary key (tablesync's default: deletes reach the sink). */
    PROPAGATE,
    /** Drop it, as DataX does; the drops are counted in the summary. */
    IGNORE
}
