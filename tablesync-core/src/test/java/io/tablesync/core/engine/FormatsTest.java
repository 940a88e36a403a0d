package io.tablesync.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tablesync.core.stats.JobSnapshot;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** Byte-for-byte DataX console output (research/datax.md §2.10, observed outputs). */
class FormatsTest {
    private static JobSnapshot snapshot(long records, long bytes, long readFailed, long writeFailed) {
        return new JobSnapshot(records, bytes, readFailed, 0, records, bytes, writeFailed, 0, 0, 33_000_000L, Map.of());
    }

    @Test
    void stringifyUsesBaseTwoUnitsWithTwoDecimalsAboveBytes() {
        assertThat(Formats.stringify(3)).isEqualTo("3B");
        assertThat(Formats.stringify(1023)).isEqualTo("1023B");
        assertThat(Formats.stringify(1024)).isEqualTo("1.00KB");
        assertThat(Formats.stringify(932249)).isEqualTo("910.40KB");
        assertThat(Formats.stringify(2L * 1024 * 1024 * 1024)).isEqualTo("2.00GB");
    }

    @Test
    void progressLineMatchesDataX() {
        assertThat(Formats.progressLine(snapshot(2, 33, 0, 0), 3, 0, 1.0)).isEqualTo(
                "Total 2 records, 33 bytes | Speed 3B/s, 0 records/s | Error 0 records, 0 bytes |"
                        + "  All Task WaitWriterTime 0.000s |  All Task WaitReaderTime 0.033s | Percentage 100.00%");
    }

    @Test
    void summaryMatchesDataXIncludingGmt8Times() {
        long start = 1795464270000L; // 2026-11-23 20:04:30 UTC
        String s = Formats.summary(start, start + 10_000, 10, snapshot(2, 50, 0, 2),
                TimeZone.getTimeZone("GMT+8"), Map.of());
        assertThat(s).isEqualTo("\n"
                + "任务启动时刻                    : 2026-11-24 04:04:30\n"
                + "任务结束时刻                    : 2026-11-24 04:04:40\n"
                + "任务总计耗时                    :                 10s\n"
                + "任务平均流量                    :                5B/s\n"
                + "记录写入速度                    :              0rec/s\n"
                + "读出记录总数                    :                   2\n"
                + "读写失败总数                    :                   2\n");
    }
}
