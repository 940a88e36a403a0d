package io.tablesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.element.DefaultRecord;
import io.tablesync.core.element.StringColumn;
import io.tablesync.core.source.SnapshotProgress;
import io.tablesync.core.source.SplitStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SnapshotWatchTest {
    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_700_000_000_000L;

    private final AtomicLong now = new AtomicLong(T0);
    private final SyncMetrics metrics = new SyncMetrics();
    private final List<TablesyncException> refusals = new ArrayList<>();

    /** Three ranges; r0 finished in an earlier run with 1,000 rows; the table is about 10 MB; 1 h of retention left. */
    private SnapshotProgress plan() {
        return new SnapshotProgress(List.of("r0", "r1", "r2"), Map.of("r0", 1_000L, "r1", 0L, "r2", 0L), List.of("r0"),
                T0, HOUR, 10L * 1024 * 1024, Map.of("r1", "r1 [uid=\"k1\", uid=\"k2\")"));
    }

    private SnapshotWatch watch(CopyOptions.RetentionCheck check) {
        return new SnapshotWatch(plan(), metrics, now::get, check, Duration.ofSeconds(30), refusals::add);
    }

    /** {@code rows} rows of about 1 KB acknowledged from range {@code id}. */
    private void copied(String id, int rows) {
        SplitProgress p = metrics.split(id);
        p.status(SplitStatus.READING);
        for (int i = 0; i < rows; i++) {
            DefaultRecord r = new DefaultRecord(1);
            r.addColumn(new StringColumn("x".repeat(1_024)));
            metrics.count(SyncMetrics.Stage.ACKNOWLEDGED, r);
            p.acknowledged(-1);
        }
    }

    @Test
    void progressCountsEarlierRunsAndTheRangesStatesAndEstimatesTheRowsFromTheSize() {
        SnapshotWatch w = watch(CopyOptions.RetentionCheck.FAIL);
        copied("r1", 500);
        w.tick(); // first seen copying: the rate's clock starts
        now.addAndGet(10_000);
        CopyStatus s = w.tick();
        assertThat(s.forecast().copiedRows()).isEqualTo(1_500);
        assertThat(s.forecast().rowsPerSecond()).isEqualTo(50.0); // 500 rows in 10 s of this run
        assertThat(s.forecast().estimatedRows()).isBetween(10_000L, 10_240L); // 10 MB of ~1 KB rows
        assertThat(s.ranges()).extracting(CopyStatus.Range::state)
                .containsExactly(CopyStatus.State.FINISHED, CopyStatus.State.COPYING, CopyStatus.State.WAITING);
        assertThat(s.rangeStrip(32)).isEqualTo("#>.");
        assertThat(w.done()).isFalse();

        String bar = CopyDisplay.bar(s, now.get(), 200);
        assertThat(bar).startsWith("snapshot [##").contains("14%").contains("1,500 of ~").contains("50 rows/s")
                .contains("ETA ").contains("#>. (1 finished, 1 copying, 1 waiting)");
        assertThat(CopyDisplay.bar(s, now.get(), 40)).hasSize(40);
        assertThat(CopyDisplay.line(s, now.get())).contains("1,500 of ~").contains("copied, 50 rows/s")
                .contains("positions retained until").contains("copying r1 500 rows");
    }

    @Test
    void theCopyIsDoneWhenEveryRangeIsFinished() {
        SnapshotWatch w = watch(CopyOptions.RetentionCheck.FAIL);
        copied("r1", 10);
        copied("r2", 10);
        metrics.split("r1").status(SplitStatus.FINISHED);
        assertThat(w.tick().finished()).isFalse();
        metrics.split("r2").status(SplitStatus.FINISHED);
        CopyStatus s = w.tick();
        assertThat(s.finished()).isTrue();
        assertThat(s.percent()).isEqualTo(100);
        assertThat(w.done()).isTrue();
    }

    @Test
    void aCopyTooSlowForTheRetentionIsRefusedOnlyAfterTheWarmupWithTheNumbers() {
        SnapshotWatch w = watch(CopyOptions.RetentionCheck.FAIL);
        copied("r1", 20); // 20 rows in 10 s: ~10,000 rows would take ~83 min, 1 h is left
        w.tick();
        now.addAndGet(10_000);
        w.tick();
        assertThat(refusals).as("not judged on 10 s of measurement").isEmpty();
        now.addAndGet(30_000);
        copied("r1", 60); // 80 rows in 40 s: 2 rows/s
        w.tick();
        assertThat(refusals).hasSize(1);
        TablesyncException e = refusals.get(0);
        assertThat(e.isUserError()).isTrue();
        assertThat(e.getMessage()).contains("cannot end inside the stream's retention").contains("2.0 rows/s measured")
                .contains("1,080 of about").contains("--snapshot-retention-check warn");
    }

    @Test
    void warnOnlyGoesOn() {
        SnapshotWatch w = watch(CopyOptions.RetentionCheck.WARN);
        copied("r1", 80);
        w.tick();
        now.addAndGet(40_000);
        assertThat(w.tick().forecast().verdict()).isEqualTo(CopyForecast.Verdict.TOO_SLOW);
        assertThat(refusals).isEmpty();
    }

    @Test
    void aFastCopyIsNotRefused() {
        SnapshotWatch w = watch(CopyOptions.RetentionCheck.FAIL);
        copied("r1", 4_000);
        w.tick();
        now.addAndGet(40_000);
        assertThat(w.tick().forecast().verdict()).isEqualTo(CopyForecast.Verdict.OK);
        assertThat(refusals).isEmpty();
    }

    @Test
    void timeWaitingBeforeTheCopyStartsIsNotCountedAgainstItsRate() {
        SnapshotWatch w = watch(CopyOptions.RetentionCheck.FAIL);
        now.addAndGet(600_000); // a standby waiting 10 min for the lease: nothing copying
        assertThat(w.tick().forecast().rowsPerSecond()).isZero();
        metrics.split("r1").status(SplitStatus.READING);
        w.tick();
        copied("r1", 4_000);
        now.addAndGet(40_000);
        CopyStatus s = w.tick();
        assertThat(s.forecast().rowsPerSecond()).isEqualTo(100.0); // 4,000 rows in the 40 s since it began
        assertThat(refusals).isEmpty();
    }

    @Test
    void positionsAlreadyOutOfRetentionAreRefusedAtOnce() {
        SnapshotWatch w = watch(CopyOptions.RetentionCheck.FAIL);
        now.set(T0 + HOUR);
        w.tick();
        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0).getMessage()).contains("no longer keeps the positions");
    }
}
