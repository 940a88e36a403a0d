package io.tablesync.core.engine;

import io.tablesync.core.stats.JobSnapshot;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/** DataX's console formats, byte for byte: the progress line and the final summary (research §2.10). */
public final class Formats {
    private static final long KB = 1024, MB = KB * 1024, GB = MB * 1024, TB = GB * 1024;

    private Formats() {
    }

    private static DecimalFormat twoDecimals() {
        return new DecimalFormat("0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /** 1023 → "1023B", 1024 → "1.00KB", base 1024, two decimals above bytes. */
    public static String stringify(long bytes) {
        DecimalFormat df = twoDecimals();
        if (bytes / TB > 0) {
            return df.format((double) bytes / TB) + "TB";
        } else if (bytes / GB > 0) {
            return df.format((double) bytes / GB) + "GB";
        } else if (bytes / MB > 0) {
            return df.format((double) bytes / MB) + "MB";
        } else if (bytes / KB > 0) {
            return df.format((double) bytes / KB) + "KB";
        }
        return bytes + "B";
    }

    public static String progressLine(JobSnapshot s, long byteSpeed, long recordSpeed, double fractionDone) {
        return "Total " + s.readSucceedRecords() + " records, " + s.readSucceedBytes() + " bytes"
                + " | Speed " + stringify(byteSpeed) + "/s, " + recordSpeed + " records/s"
                + " | Error " + s.totalErrorRecords() + " records, " + s.totalErrorBytes() + " bytes"
                + " |  All Task WaitWriterTime " + seconds(s.waitWriterNanos())
                + " |  All Task WaitReaderTime " + seconds(s.waitReaderNanos())
                + " | " + transformerSegment(s.transformer())
                + "Percentage " + twoDecimals().format(fractionDone * 100) + "%";
    }

    /** DataX's transformer segment of the progress line (its "Transfermor" typo included), or "". */
    static String transformerSegment(JobSnapshot.TransformerTotals t) {
        if (!t.any()) {
            return "";
        }
        return "Transfermor Success " + t.succeededRecords() + " records | Transformer Error " + t.failedRecords()
                + " records | Transformer Filter " + t.filteredRecords() + " records | Transformer usedTime "
                + seconds(t.nanos()) + " | ";
    }

    /** DataX's PerfTrace.unitTime: float seconds, three decimals, thousands grouped with ','. */
    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%,.3fs", ((float) nanos) / 1000000000);
    }

    /**
     * The transformer lines DataX logs as a second message after the summary when a transformer
     * counted anything; null otherwise.
     */
    public static String transformerSummary(JobSnapshot.TransformerTotals t) {
        if (t.succeededRecords() == 0 && t.failedRecords() == 0 && t.filteredRecords() == 0) {
            return null;
        }
        return "\n" + String.format("%-26s: %19s\n", "Transformer成功记录总数", t.succeededRecords())
                + String.format("%-26s: %19s\n", "Transformer失败记录总数", t.failedRecords())
                + String.format("%-26s: %19s\n", "Transformer过滤记录总数", t.filteredRecords());
    }

    /**
     * The summary printed when a job succeeds. {@code extraLines} (label → value) follow the seven
     * DataX lines; DataX prints extra lines the same way for transformer counters.
     */
    public static String summary(long startMillis, long endMillis, long transferSeconds, JobSnapshot s,
            TimeZone zone, Map<String, String> extraLines) {
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss");
        f.setTimeZone(zone);
        long secs = Math.max(1, transferSeconds);
        StringBuilder sb = new StringBuilder("\n");
        sb.append(String.format("%-26s: %-18s\n", "任务启动时刻", f.format(new Date(startMillis))));
        sb.append(String.format("%-26s: %-18s\n", "任务结束时刻", f.format(new Date(endMillis))));
        sb.append(String.format("%-26s: %19s\n", "任务总计耗时", (endMillis - startMillis) / 1000 + "s"));
        sb.append(String.format("%-26s: %19s\n", "任务平均流量", stringify(s.readSucceedBytes() / secs) + "/s"));
        sb.append(String.format("%-26s: %19s\n", "记录写入速度", s.readSucceedRecords() / secs + "rec/s"));
        sb.append(String.format("%-26s: %19s\n", "读出记录总数", s.totalReadRecords()));
        sb.append(String.format("%-26s: %19s\n", "读写失败总数", s.totalErrorRecords()));
        extraLines.forEach((label, value) -> sb.append(String.format("%-26s: %19s\n", label, value)));
        return sb.toString();
    }
}
