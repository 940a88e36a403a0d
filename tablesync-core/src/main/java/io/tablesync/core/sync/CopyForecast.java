package io.tablesync.core.sync;

import java.util.Locale;

/**
 * Whether a table copy ({@code sync --snapshot}) ends before the stream drops the positions recorded at its
 * start, at the rate measured so far. The stream is read from those positions after the copy; if the copy ends
 * after the stream's retention, the changes made at its beginning are gone and the index would miss them.
 *
 * @param verdict               what the numbers say
 * @param copiedRows            rows copied so far (earlier runs included)
 * @param estimatedRows         the table's estimated rows, or -1 when not known yet
 * @param rowsPerSecond         the measured copy rate, or 0 when not measured yet
 * @param finishAtMillis        when the copy ends at that rate, or -1 when unknown
 * @param deadlineMillis        when the recorded positions leave the stream's retention
 * @param requiredRowsPerSecond the average rate the rest of the copy needs to end by the deadline, or -1 when unknown
 */
public record CopyForecast(Verdict verdict, long copiedRows, long estimatedRows, double rowsPerSecond, long finishAtMillis,
                           long deadlineMillis, double requiredRowsPerSecond) {

    /** The share of the time left that a copy may use before it counts as {@link Verdict#TIGHT}. */
    static final double TIGHT_SHARE = 0.8;

    public enum Verdict {
        /** No rate or no size estimate yet. */
        UNKNOWN,
        /** Ends well before the deadline. */
        OK,
        /** Ends before the deadline, but uses more than 80 % of the time left: a slowdown would miss it. */
        TIGHT,
        /** Ends after the deadline at the measured rate. */
        TOO_SLOW,
        /** The deadline has passed. */
        EXPIRED
    }

    /**
     * @param nowMillis      the current time
     * @param deadlineMillis when the recorded positions leave the stream's retention
     * @param copiedRows     rows copied so far
     * @param estimatedRows  the table's estimated rows (-1: unknown); an estimate below {@code copiedRows} is
     *                       taken as "nearly done" (estimates are rough; the copy ends when its ranges do)
     * @param rowsPerSecond  the measured rate (0 or less: not measured yet)
     */
    public static CopyForecast of(long nowMillis, long deadlineMillis, long copiedRows, long estimatedRows,
                                  double rowsPerSecond) {
        if (nowMillis >= deadlineMillis) {
            return new CopyForecast(Verdict.EXPIRED, copiedRows, estimatedRows, Math.max(0, rowsPerSecond), -1,
                    deadlineMillis, -1);
        }
        if (estimatedRows < 0) {
            return new CopyForecast(Verdict.UNKNOWN, copiedRows, -1, Math.max(0, rowsPerSecond), -1, deadlineMillis, -1);
        }
        long remaining = Math.max(0, estimatedRows - copiedRows);
        long leftMillis = deadlineMillis - nowMillis;
        double required = remaining / (leftMillis / 1000.0);
        if (rowsPerSecond <= 0) {
            return new CopyForecast(Verdict.UNKNOWN, copiedRows, estimatedRows, 0, -1, deadlineMillis, required);
        }
        double needMillis = remaining / rowsPerSecond * 1000.0;
        long finishAt = needMillis >= Long.MAX_VALUE / 2.0 ? Long.MAX_VALUE : nowMillis + (long) needMillis;
        Verdict v = finishAt > deadlineMillis ? Verdict.TOO_SLOW
                : needMillis > TIGHT_SHARE * leftMillis ? Verdict.TIGHT : Verdict.OK;
        return new CopyForecast(v, copiedRows, estimatedRows, rowsPerSecond, finishAt, deadlineMillis, required);
    }

    /**
     * The table's rows estimated from its data size and the copy's measured bytes per row; -1 when either is
     * unknown. Never less than the rows already copied.
     */
    public static long estimateRows(long tableBytes, long sampleRows, long sampleBytes, long copiedRows) {
        if (tableBytes <= 0 || sampleRows <= 0 || sampleBytes <= 0) {
            return -1;
        }
        double perRow = (double) sampleBytes / sampleRows;
        return Math.max(copiedRows, Math.round(tableBytes / perRow));
    }

    /** A rate for people: one decimal below 10 (0.3 rows/s is not 0), whole numbers with separators above. */
    static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond < 10 ? "%.1f" : "%,.0f", perSecond);
    }

    /** Milliseconds until the copy ends at the measured rate, or -1 when unknown. */
    public long etaMillis(long nowMillis) {
        return finishAtMillis < 0 ? -1 : Math.max(0, finishAtMillis - nowMillis);
    }

    /** The numbers in one sentence, for a refusal or a warning. */
    public String describe(long nowMillis) {
        String rows = estimatedRows < 0 ? String.format(Locale.ROOT, "%,d rows copied", copiedRows)
                : String.format(Locale.ROOT, "%,d of about %,d rows copied", copiedRows, estimatedRows);
        String rate = rowsPerSecond > 0 ? rate(rowsPerSecond) + " rows/s measured" : "no rate measured yet";
        String finish = finishAtMillis < 0 ? "" : finishAtMillis == Long.MAX_VALUE ? ", it would never end"
                : ", it ends in about " + Durations.human(finishAtMillis - nowMillis) + " (" + java.time.Instant.ofEpochMilli(finishAtMillis) + ")";
        String need = requiredRowsPerSecond < 0 ? ""
                : "; ending by then needs " + rate(requiredRowsPerSecond) + " rows/s";
        return rows + ", " + rate + finish + "; the stream keeps the recorded positions until "
                + java.time.Instant.ofEpochMilli(deadlineMillis) + " (" + Durations.human(Math.max(0, deadlineMillis - nowMillis))
                + " from now)" + need;
    }
}
