package io.tablesync.core.sync;

import java.util.List;
import java.util.Locale;

/**
 * One look at a table copy in progress: rows, rate, forecast, and each range's state — what the terminal's
 * progress bar and the log's progress lines show.
 *
 * @param ranges   every range in the plan's order
 * @param forecast rows, rate, ETA and the retention deadline
 */
record CopyStatus(List<Range> ranges, CopyForecast forecast) {

    enum State { WAITING, COPYING, FINISHED }

    /** One range: its id, state, and rows copied (earlier runs included). */
    record Range(String id, State state, long rows) {
    }

    long count(State s) {
        return ranges.stream().filter(r -> r.state() == s).count();
    }

    boolean finished() {
        return !ranges.isEmpty() && count(State.FINISHED) == ranges.size();
    }

    /** Percent done by the row estimate, or -1 when there is none. */
    int percent() {
        if (finished()) {
            return 100;
        }
        long est = forecast.estimatedRows();
        return est <= 0 ? -1 : (int) Math.min(99, forecast.copiedRows() * 100 / est);
    }

    /** {@code 3 finished, 4 copying, 1 waiting}. */
    String rangeCounts() {
        return count(State.FINISHED) + " finished, " + count(State.COPYING) + " copying, " + count(State.WAITING) + " waiting";
    }

    /** One character per range (# finished, > copying, . waiting), for the bar; null when there are too many to show. */
    String rangeStrip(int maxRanges) {
        if (ranges.size() > maxRanges) {
            return null;
        }
        StringBuilder sb = new StringBuilder(ranges.size());
        for (Range r : ranges) {
            sb.append(switch (r.state()) {
                case FINISHED -> '#';
                case COPYING -> '>';
                case WAITING -> '.';
            });
        }
        return sb.toString();
    }

    /** {@code 12,345 of ~200,000 rows} or {@code 12,345 rows}. */
    String rows() {
        return forecast.estimatedRows() < 0 ? String.format(Locale.ROOT, "%,d rows", forecast.copiedRows())
                : String.format(Locale.ROOT, "%,d of ~%,d rows", forecast.copiedRows(), forecast.estimatedRows());
    }

    /** {@code ETA 4 min 10 s} or {@code ETA unknown}. */
    String eta(long nowMillis) {
        if (finished()) {
            return "done";
        }
        long eta = forecast.etaMillis(nowMillis);
        return eta < 0 ? "ETA unknown" : "ETA " + Durations.human(eta);
    }
}
