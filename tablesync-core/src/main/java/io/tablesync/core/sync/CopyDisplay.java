package io.tablesync.core.sync;

import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a {@link CopyStatus}: one terminal line for the progress bar, or a plain line for the log. */
final class CopyDisplay {
    private static final int BAR_CELLS = 24;
    private static final int STRIP_RANGES = 32;
    private static final int COPYING_SHOWN = 4;

    private CopyDisplay() {
    }

    /**
     * The progress bar: {@code snapshot [#########...............] 38% 76,000 of ~200,000 rows 3,100 rows/s ETA 40 s
     * ranges ##>>>...}, cut to {@code width} columns.
     */
    static String bar(CopyStatus s, long nowMillis, int width) {
        int pct = s.percent();
        int filled = pct < 0 ? 0 : pct * BAR_CELLS / 100;
        String cells = pct < 0 ? "-".repeat(BAR_CELLS) : "#".repeat(filled) + ".".repeat(BAR_CELLS - filled);
        String strip = s.rangeStrip(STRIP_RANGES);
        String line = String.format(Locale.ROOT, "snapshot [%s] %s %s %s rows/s %s | ranges %s", cells,
                pct < 0 ? "--%" : pct + "%", s.rows(), CopyForecast.rate(s.forecast().rowsPerSecond()), s.eta(nowMillis),
                strip != null ? strip + " (" + s.rangeCounts() + ")" : s.rangeCounts());
        return line.length() <= width ? line : line.substring(0, Math.max(0, width - 1)) + "…";
    }

    /**
     * A progress line for the log: rows, rate, ETA, the retention deadline, ranges by state and the rows of the
     * ranges being copied.
     */
    static String line(CopyStatus s, long nowMillis) {
        int pct = s.percent();
        String copying = s.ranges().stream().filter(r -> r.state() == CopyStatus.State.COPYING).limit(COPYING_SHOWN)
                .map(r -> String.format(Locale.ROOT, "%s %,d rows", r.id(), r.rows())).collect(Collectors.joining(", "));
        long more = s.count(CopyStatus.State.COPYING) - COPYING_SHOWN;
        return String.format(Locale.ROOT, "snapshot: %s%s copied, %s rows/s, %s; positions retained until %s | ranges: %s%s",
                s.rows(), pct < 0 ? "" : " (" + pct + " %)", CopyForecast.rate(s.forecast().rowsPerSecond()), s.eta(nowMillis),
                java.time.Instant.ofEpochMilli(s.forecast().deadlineMillis()), s.rangeCounts(),
                copying.isEmpty() ? "" : "; copying " + copying + (more > 0 ? ", … (" + more + " more)" : ""));
    }
}
