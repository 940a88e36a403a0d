package io.tablesync.plugin.tablestore.stream;

/** The two record layouts of DataX's otsstreamreader (research/datax.md §3.8). */
public enum ReadMode {
    /** One record per cell change: pk…, column name, version, value, op type. DataX's default. */
    MULTI_VERSION,
    /** One record per row change with the configured columns in order. */
    SINGLE_VERSION_AND_UPDATE_ONLY
}
