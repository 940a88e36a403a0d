package io.tablesync.tablestore.local.plainbuffer;

/** The SEQ_INFO extension of a stream record: epoch, commit time in microseconds, index among same-time rows. */
public record SeqInfo(int epoch, long timestampMicros, int rowIndex) {
}
