package io.tablesync.core.sync;

import io.tablesync.core.FrameworkErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.source.SnapshotProgress;
import io.tablesync.core.source.SplitStatus;
import io.tablesync.core.sync.CopyOptions.RetentionCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the table copy of {@code sync --snapshot}: its progress (for the terminal's bar or the log's lines) and
 * whether it ends inside the stream's retention at the measured rate. Before the copy it says what average rate
 * the copy needs; once the rate has been measured for the warm-up it refuses a copy that cannot end in time
 * ({@link CopyOptions.RetentionCheck#FAIL}: the run stops with the numbers, exit 1; the ranges copied so far stay copied) or
 * warns ({@link CopyOptions.RetentionCheck#WARN}); a copy that would use most of the time left gets a warning either way.
 */
final class SnapshotWatch {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWatch.class);
    private static final long WARN_EVERY_MILLIS = Duration.ofMinutes(10).toMillis();

    private final SnapshotProgress plan;
    private final SyncMetrics metrics;
    private final LongSupplier clock;
    private final RetentionCheck check;
    private final long warmupMillis;
    private final Consumer<TablesyncException> refuse;
    private final long startMillis;
    /** When this process was first seen copying (a standby waits for the lease first): where the rate's clock starts. */
    private long copyingSinceMillis = -1;
    private final long copiedBefore;
    private final Set<String> reportedFinished = new HashSet<>();
    private long lastWarnMillis = Long.MIN_VALUE / 2;
    private CopyForecast.Verdict lastVerdict;
    private boolean done;

    SnapshotWatch(SnapshotProgress plan, SyncMetrics metrics, LongSupplier clock, RetentionCheck check, Duration warmup,
                  Consumer<TablesyncException> refuse) {
        this.plan = plan;
        this.metrics = metrics;
        this.clock = clock;
        this.check = check;
        this.warmupMillis = warmup.toMillis();
        this.refuse = refuse;
        this.startMillis = clock.getAsLong();
        this.copiedBefore = plan.rowsBefore().values().stream().mapToLong(Long::longValue).sum();
        reportedFinished.addAll(plan.finishedBefore());
    }

    /** Logs what the copy needs to end in time; refuses at once when the positions are already too old. */
    void started() {
        long now = clock.getAsLong();
        long left = plan.deadlineMillis() - now;
        String size = plan.estimatedBytes() < 0 ? "of unknown size"
                : String.format(Locale.ROOT, "of about %s", bytes(plan.estimatedBytes()));
        String need = plan.estimatedBytes() < 0 || left <= 0 ? ""
                : String.format(Locale.ROOT, ": the copy must average at least %s/s", bytes((long) (plan.estimatedBytes() / (left / 1000.0))));
        LOG.info("snapshot: table {}, {} range(s) ({} finished before); the stream keeps the recorded positions until {}"
                + " ({} from now){}; the rate is checked against that once measured (--snapshot-retention-check {})",
                size, plan.ranges().size(), plan.finishedBefore().size(), java.time.Instant.ofEpochMilli(plan.deadlineMillis()),
                Durations.human(Math.max(0, left)), need, check.name().toLowerCase(Locale.ROOT));
    }

    /** The copy as it stands now. */
    CopyStatus status() {
        long now = clock.getAsLong();
        List<CopyStatus.Range> ranges = new ArrayList<>(plan.ranges().size());
        long copied = 0;
        for (String id : plan.ranges()) {
            SplitProgress p = metrics.splits().get(id);
            long rows = plan.rowsBefore().getOrDefault(id, 0L) + (p == null ? 0 : p.acknowledged());
            CopyStatus.State st = plan.finishedBefore().contains(id) || (p != null && p.status() == SplitStatus.FINISHED)
                    ? CopyStatus.State.FINISHED
                    : p != null && p.status() == SplitStatus.READING ? CopyStatus.State.COPYING : CopyStatus.State.WAITING;
            ranges.add(new CopyStatus.Range(id, st, rows));
            copied += rows;
        }
        long copiedNow = copied - copiedBefore;
        if (copyingSinceMillis < 0 && (copiedNow > 0 || ranges.stream().anyMatch(r -> r.state() == CopyStatus.State.COPYING))) {
            copyingSinceMillis = now;
        }
        double seconds = copyingSinceMillis < 0 ? 0 : (now - copyingSinceMillis) / 1000.0;
        double rate = seconds >= 1 && copiedNow > 0 ? copiedNow / seconds : 0;
        long estimated = CopyForecast.estimateRows(plan.estimatedBytes(), metrics.records(SyncMetrics.Stage.ACKNOWLEDGED),
                metrics.bytes(SyncMetrics.Stage.ACKNOWLEDGED), copied);
        return new CopyStatus(ranges, CopyForecast.of(now, plan.deadlineMillis(), copied, estimated, rate));
    }

    /**
     * Looks at the copy: logs ranges that finished since the last look, checks the retention, and returns the
     * status; {@link #done()} turns true once every range is finished.
     */
    CopyStatus tick() {
        CopyStatus s = status();
        long now = clock.getAsLong();
        for (CopyStatus.Range r : s.ranges()) {
            if (r.state() == CopyStatus.State.FINISHED && reportedFinished.add(r.id())) {
                LOG.info("snapshot: range {} copied: {} rows", plan.label(r.id()), String.format(Locale.ROOT, "%,d", r.rows()));
            }
        }
        if (s.finished()) {
            if (!done) {
                done = true;
                double secs = Math.max(0.001, (now - (copyingSinceMillis >= 0 ? copyingSinceMillis : startMillis)) / 1000.0);
                LOG.info("snapshot: the copy is complete: {} rows ({} in this run, {} s, {} rows/s)",
                        String.format(Locale.ROOT, "%,d", s.forecast().copiedRows()),
                        String.format(Locale.ROOT, "%,d", s.forecast().copiedRows() - copiedBefore), Math.round(secs),
                        String.format(Locale.ROOT, "%,.0f", (s.forecast().copiedRows() - copiedBefore) / secs));
            }
            return s;
        }
        checkRetention(s.forecast(), now);
        return s;
    }

    boolean done() {
        return done;
    }

    private void checkRetention(CopyForecast f, long now) {
        CopyForecast.Verdict v = f.verdict();
        boolean measured = copyingSinceMillis >= 0 && now - copyingSinceMillis >= warmupMillis;
        if (v == CopyForecast.Verdict.EXPIRED || (measured && v == CopyForecast.Verdict.TOO_SLOW)) {
            String what = v == CopyForecast.Verdict.EXPIRED
                    ? "the stream no longer keeps the positions recorded before the copy: changes made early in the copy are gone"
                    : "the copy cannot end inside the stream's retention at the measured rate";
            String detail = "snapshot: " + what + " (" + f.describe(now) + "). Make the copy faster (more channels, a"
                    + " faster or larger Elasticsearch), raise the stream's expiration time on the table, or start the copy"
                    + " at a quieter time";
            if (check == RetentionCheck.FAIL) {
                refuse.accept(TablesyncException.userError(FrameworkErrorCode.RUNTIME_ERROR, detail + "; the ranges copied"
                        + " so far are kept and a restart resumes them. --snapshot-retention-check warn goes on anyway"
                        + " (changes lost to retention are then missing from the index until a new snapshot)."));
            } else {
                warn(v, now, detail + "; going on because of --snapshot-retention-check warn");
            }
        } else if (measured && v == CopyForecast.Verdict.TIGHT) {
            warn(v, now, "snapshot: the copy ends close to the stream's retention deadline (" + f.describe(now)
                    + "); a slowdown would make it miss the deadline");
        }
        lastVerdict = measured ? v : lastVerdict;
    }

    private void warn(CopyForecast.Verdict v, long now, String message) {
        if (v != lastVerdict || now - lastWarnMillis >= WARN_EVERY_MILLIS) {
            LOG.warn(message);
            lastWarnMillis = now;
        }
    }

    static String bytes(long b) {
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", b / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f GB", b / (1024.0 * 1024 * 1024));
    }
}
