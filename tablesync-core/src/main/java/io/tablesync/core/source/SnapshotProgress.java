package io.tablesync.core.source;

import java.util.List;
import java.util.Map;

/**
 * Where a source's table copy ({@code sync --snapshot}) stands, for the runner's progress display and
 * its retention check. The copy's splits are its key ranges; the stream starts from positions recorded
 * before the copy, so the copy must end before the stream's retention drops them.
 *
 * @param ranges            the ranges' split ids
 * @param rowsBefore        rows each range had copied before this process started (from its checkpoint)
 * @param finishedBefore    ranges finished before this process started
 * @param positionsAtMillis when the stream positions were recorded
 * @param retentionMillis   how long the stream keeps a change
 * @param estimatedBytes    the table's data size as the source estimates it, or -1 when it cannot say
 * @param rangeLabels       each range's bounds in key terms, for logs (e.g. {@code [uid=k00100, uid=k00200)})
 */
public record SnapshotProgress(List<String> ranges, Map<String, Long> rowsBefore, List<String> finishedBefore,
                               long positionsAtMillis, long retentionMillis, long estimatedBytes,
                               Map<String, String> rangeLabels) {
    public SnapshotProgress {
        ranges = List.copyOf(ranges);
        rowsBefore = Map.copyOf(rowsBefore);
        finishedBefore = List.copyOf(finishedBefore);
        rangeLabels = Map.copyOf(rangeLabels);
    }

    /** Without a size estimate or labels. */
    public SnapshotProgress(List<String> ranges, Map<String, Long> rowsBefore, List<String> finishedBefore,
                            long positionsAtMillis, long retentionMillis) {
        this(ranges, rowsBefore, finishedBefore, positionsAtMillis, retentionMillis, -1, Map.of());
    }

    /** The last moment the recorded positions are surely still retained. */
    public long deadlineMillis() {
        return positionsAtMillis + retentionMillis;
    }

    /** The range's bounds in key terms, or its id when the source gave none. */
    public String label(String rangeId) {
        return rangeLabels.getOrDefault(rangeId, rangeId);
    }
}
