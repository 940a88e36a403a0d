package io.tablesync.core.source;

/** Where a split stands in the enumerator. */
public enum SplitStatus {
    /** Known, but a parent is not finished yet. */
    WAITING_FOR_PARENTS,
    /** Known, every parent finished, not yet handed to a reader. */
    READY,
    /** A reader has it. */
    READING,
    /** Read to its end, everything durable. */
    FINISHED
}
