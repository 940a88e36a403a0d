package io.tablesync.plugin.tablestore.stream;

/** Where a shard stands in the current window (DataX's classification, research/datax.md §3.5). */
public enum ShardStatus {
    /** Has a SHARD_END checkpoint at the window end. */
    DONE_REACH_END,
    /** Has another checkpoint at the window end: read up to the end, still open. */
    DONE_NOT_END,
    /** No checkpoint; every parent reached its end: may be read now. */
    READY,
    /** A parent is still being read (here or in another task): wait. */
    BLOCK,
    /** A parent stopped before its end in this window, so this child's data lies after the window. */
    SKIP
}
