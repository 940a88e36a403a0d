package io.tablesync.plugin.tablestore.stream;

import com.alicloud.openservices.tablestore.model.RecordSequenceInfo;

/**
 * DataX's sequence-info column: epoch, commit time (µs), row index within the commit and shard
 * id, zero-padded so that string order is stream order; multi-version records add the column index.
 */
public final class SequenceInfo {
    private SequenceInfo() {
    }

    /** {@code %010d_%020d_%010d_%s} (single-version layout). */
    public static String ofRecord(RecordSequenceInfo s, String shardId) {
        return String.format("%010d_%020d_%010d_%s", s.getEpoch(), s.getTimestamp(), s.getRowIndex(), shardId);
    }

    /** {@code %010d_%020d_%010d_%s:%010d} (multi-version layout). */
    public static String ofColumn(RecordSequenceInfo s, String shardId, int columnIndex) {
        return ofRecord(s, shardId) + ":" + String.format("%010d", columnIndex);
    }
}
