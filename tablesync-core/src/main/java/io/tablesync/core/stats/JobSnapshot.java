package io.tablesync.core.stats;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** A consistent-enough sum of all tasks' counters at one moment, with DataX's derived totals. */
public record JobSnapshot(long readSucceedRecords, long readSucceedBytes, long readFailedRecords,
        long readFailedBytes, long writeReceivedRecords, long writeReceivedBytes, long writeFailedRecords,
        long writeFailedBytes, long waitWriterNanos, long waitReaderNanos, Map<String, Long> named,
        TransformerTotals transformer) {

    /** What the job's transformers did, summed over tasks (all zero for a job without transformers). */
    public record TransformerTotals(long succeededRecords, long failedRecords, long filteredRecords, long nanos) {
        public static final TransformerTotals NONE = new TransformerTotals(0, 0, 0, 0);

        /** DataX shows the transformer segment and summary lines only once something was counted. */
        public boolean any() {
            return succeededRecords > 0 || failedRecords > 0 || filteredRecords > 0 || nanos > 0;
        }
    }

    public JobSnapshot(long readSucceedRecords, long readSucceedBytes, long readFailedRecords,
            long readFailedBytes, long writeReceivedRecords, long writeReceivedBytes, long writeFailedRecords,
            long writeFailedBytes, long waitWriterNanos, long waitReaderNanos, Map<String, Long> named) {
        this(readSucceedRecords, readSucceedBytes, readFailedRecords, readFailedBytes, writeReceivedRecords,
                writeReceivedBytes, writeFailedRecords, writeFailedBytes, waitWriterNanos, waitReaderNanos, named,
                TransformerTotals.NONE);
    }

    public static JobSnapshot of(Collection<TaskCounters> tasks) {
        long rsr = 0, rsb = 0, rfr = 0, rfb = 0, wrr = 0, wrb = 0, wfr = 0, wfb = 0, ww = 0, wr = 0;
        long ts = 0, tf = 0, tfl = 0, tn = 0;
        Map<String, Long> named = new TreeMap<>();
        for (TaskCounters t : tasks) {
            rsr += t.readSucceedRecords.get();
            rsb += t.readSucceedBytes.get();
            rfr += t.readFailedRecords.get();
            rfb += t.readFailedBytes.get();
            wrr += t.writeReceivedRecords.get();
            wrb += t.writeReceivedBytes.get();
            wfr += t.writeFailedRecords.get();
            wfb += t.writeFailedBytes.get();
            ww += t.waitWriterNanos.get();
            wr += t.waitReaderNanos.get();
            ts += t.transformerSucceededRecords.get();
            tf += t.transformerFailedRecords.get();
            tfl += t.transformerFilteredRecords.get();
            tn += t.transformerNanos.get();
            t.named.forEach((k, v) -> named.merge(k, v.sum(), Long::sum));
        }
        return new JobSnapshot(rsr, rsb, rfr, rfb, wrr, wrb, wfr, wfb, ww, wr, named,
                new TransformerTotals(ts, tf, tfl, tn));
    }

    /** "读出记录总数": records read, including those the reader rejected. */
    public long totalReadRecords() {
        return readSucceedRecords + readFailedRecords;
    }

    /** "读写失败总数" / the dirty-record count checked against errorLimit. */
    public long totalErrorRecords() {
        return readFailedRecords + writeFailedRecords;
    }

    public long totalErrorBytes() {
        return readFailedBytes + writeFailedBytes;
    }

    public long writeSucceedRecords() {
        return writeReceivedRecords - writeFailedRecords;
    }
}
