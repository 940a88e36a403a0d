package io.tablesync.core.stats;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** A consistent-enough sum of all tasks' counters at one moment, with DataX's derived totals. */
public record JobSnapshot(long readSucceedRecords, long readSucceedBytes, long readFailedRecords,
        long readFailedBytes, long writeReceivedRecords, long writeReceivedBytes, long writeFailedRecords,
        long writeFailedBytes, long waitWriterNanos, long waitReaderNanos, Map<String, Long> named) {

    public static JobSnapshot of(Collection<TaskCounters> tasks) {
        long rsr = 0, rsb = 0, rfr = 0, rfb = 0, wrr = 0, wrb = 0, wfr = 0, wfb = 0, ww = 0, wr = 0;
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
            t.named.forEach((k, v) -> named.merge(k, v.sum(), Long::sum));
        }
        return new JobSnapshot(rsr, rsb, rfr, rfb, wrr, wrb, wfr, wfb, ww, wr, named);
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
