package io.tablesync.plugin.tablestore.stream;

import static io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode.userError;

import io.tablesync.core.config.Configuration;
import io.tablesync.core.config.Placeholders;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.TimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export window {@code [start, end)} in epoch milliseconds, given in one of DataX's three
 * styles: {@code startTimestampMillis}/{@code endTimestampMillis}, {@code date} (a whole day),
 * or {@code startTimeString}/{@code endTimeString}. Dates and time strings are read in the JVM
 * default zone, which the engine sets from {@code common.column.timeZone} (GMT+8 by default),
 * exactly like DataX.
 */
public record TimeWindow(long startMillis, long endMillis) {
    private static final Logger LOG = LoggerFactory.getLogger(TimeWindow.class);

    public static final String START_MILLIS = "startTimestampMillis";
    public static final String END_MILLIS = "endTimestampMillis";
    public static final String DATE = "date";
    public static final String START_STRING = "startTimeString";
    public static final String END_STRING = "endTimeString";

    /** Margins of the retention / clock-skew checks; overridable like DataX's constants. */
    public static final String BEFORE_OFFSET_PROPERTY = "BEFORE_OFFSET_TIME_MILLIS";
    public static final String AFTER_OFFSET_PROPERTY = "AFTER_OFFSET_TIME_MILLIS";
    static final long DEFAULT_BEFORE_OFFSET_MILLIS = 10 * 60 * 1000L;
    static final long DEFAULT_AFTER_OFFSET_MILLIS = 5 * 60 * 1000L;
    static final long DAY_MILLIS = 24 * 3600 * 1000L;
    public static final long HOUR_MILLIS = 3600 * 1000L;

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** Reads the window; the checks and their messages follow DataX's order. */
    public static TimeWindow parse(Configuration p) {
        boolean date = p.has(DATE);
        boolean startMs = p.has(START_MILLIS);
        boolean endMs = p.has(END_MILLIS);
        boolean startStr = p.has(START_STRING);
        boolean endStr = p.has(END_STRING);
        boolean anyMs = startMs || endMs;
        boolean anyStr = startStr || endStr;
        if (!date && !(startMs && endMs) && !(startStr && endStr)) {
            throw userError("Must set date or time range millis or time range string, please check your config."
                    + " (set " + p.describe(DATE) + ", or both " + START_MILLIS + " and " + END_MILLIS
                    + ", or both " + START_STRING + " and " + END_STRING + ")");
        }
        checkOneStyle(date, anyMs, anyStr);
        long start;
        long end;
        if (startStr && endStr) {
            start = parseTimeString(p, START_STRING, "startTimeString");
            end = parseTimeString(p, END_STRING, "endTimeString");
        } else if (!date) {
            start = p.getLong(START_MILLIS);
            end = p.getLong(END_MILLIS);
        } else {
            start = parseDate(p);
            end = start + DAY_MILLIS;
        }
        if (start >= end) {
            throw userError("EndTimestamp must be larger than startTimestamp. (start " + start + ", end " + end + ")");
        }
        return new TimeWindow(start, end);
    }

    /** An open end of a continuous run's window. */
    public static final long UNBOUNDED = -1;

    /**
     * The window of a continuous run ({@code tablesync sync}): every key is optional and an end
     * that is absent never comes. A key whose value is a placeholder nobody set (the guide's
     * {@code ${start_time}}) counts as absent — said in the log, never silently. The styles may
     * not be mixed, with DataX's messages.
     */
    public static TimeWindow parseOpen(Configuration p) {
        boolean date = given(p, DATE);
        boolean startMs = given(p, START_MILLIS);
        boolean endMs = given(p, END_MILLIS);
        boolean startStr = given(p, START_STRING);
        boolean endStr = given(p, END_STRING);
        checkOneStyle(date, startMs || endMs, startStr || endStr);
        long start = UNBOUNDED;
        long end = UNBOUNDED;
        if (date) {
            start = parseDate(p);
            end = start + DAY_MILLIS;
        }
        if (startMs) {
            start = p.getLong(START_MILLIS);
        }
        if (endMs) {
            end = p.getLong(END_MILLIS);
        }
        if (startStr) {
            start = parseTimeString(p, START_STRING, "startTimeString");
        }
        if (endStr) {
            end = parseTimeString(p, END_STRING, "endTimeString");
        }
        if (start != UNBOUNDED && end != UNBOUNDED && start >= end) {
            throw userError("EndTimestamp must be larger than startTimestamp. (start " + start + ", end " + end + ")");
        }
        return new TimeWindow(start, end);
    }

    public boolean hasStart() {
        return startMillis != UNBOUNDED;
    }

    public boolean hasEnd() {
        return endMillis != UNBOUNDED;
    }

    private static boolean given(Configuration p, String key) {
        if (!p.has(key)) {
            return false;
        }
        String placeholder = Placeholders.firstPlaceholderName(p.getString(key));
        if (placeholder != null) {
            LOG.info("{} is the placeholder ${{}} with no value: a continuous run treats it as not set",
                    p.describe(key), placeholder);
            return false;
        }
        return true;
    }

    private static void checkOneStyle(boolean date, boolean anyMs, boolean anyStr) {
        if (date && anyMs && anyStr) {
            throw userError("Can't set date and time range millis and time range string, please check your config.");
        }
        if (date && anyMs) {
            throw userError("Can't set date and time range both, please check your config.");
        }
        if (date && anyStr) {
            throw userError("Can't set date and time range string both, please check your config.");
        }
        if (anyMs && anyStr) {
            throw userError("Can't set time range millis and time range string both, expect timestamp like '1516010400000'.");
        }
    }

    private static long parseDate(Configuration p) {
        String text = p.getString(DATE).trim();
        try {
            return strict("yyyyMMdd").parse(text).getTime();
        } catch (ParseException e) {
            throw userError("Can't parse date: " + text + " (" + p.describe(DATE) + " must look like '20180115')");
        }
    }

    private static long parseTimeString(Configuration p, String key, String label) {
        String text = p.getString(key).trim();
        try {
            return strict("yyyyMMddHHmmss").parse(text).getTime();
        } catch (ParseException e) {
            // DataX's message says '201801151612' but its parser wants 14 digits; we keep its words
            // (users search for them) and add the format that really works.
            throw userError("Can't parse " + label + ": " + text + ", expect format date like '201801151612'."
                    + " (" + p.describe(key) + " must be yyyyMMddHHmmss, e.g. '20180115161200')");
        }
    }

    private static SimpleDateFormat strict(String pattern) {
        SimpleDateFormat f = new SimpleDateFormat(pattern);
        f.setTimeZone(TimeZone.getDefault());
        f.setLenient(false);
        return f;
    }

    /**
     * DataX's job-init check: the start must lie inside the stream's retention (with a 10-minute
     * safety margin, because trimming is not instantaneous), and the end must be at least 5 minutes
     * in the past. The second rule exists because a shard is declared finished when it returns no
     * records: records stamped before {@code end} that become visible later (clock skew, commit delay)
     * would otherwise be skipped by this window and by the next one, which starts at {@code end}.
     */
    public void checkAgainstClock(long nowMillis, int expirationHours) {
        long before = beforeOffsetMillis();
        long after = afterOffsetMillis();
        long expiration = expirationHours * HOUR_MILLIS;
        long earliest = nowMillis - expiration + before;
        if (startMillis < earliest) {
            throw userError("As expiration time is " + expiration + ", so the start timestamp must greater than "
                    + iso(earliest) + "(" + earliest + ")");
        }
        long latest = nowMillis - after;
        if (endMillis > latest) {
            throw userError("To avoid timing error between different machines, the end timestamp must smaller than "
                    + iso(latest) + "(" + latest + ")");
        }
    }

    /** The clock-skew margin: how far back a window's end must lie (5 min unless overridden). */
    public static long afterOffsetMillis() {
        return offset(AFTER_OFFSET_PROPERTY, DEFAULT_AFTER_OFFSET_MILLIS);
    }

    /** The retention margin: how far inside the stream's retention a start must lie (10 min unless overridden). */
    public static long beforeOffsetMillis() {
        return offset(BEFORE_OFFSET_PROPERTY, DEFAULT_BEFORE_OFFSET_MILLIS);
    }

    static long offset(String property, long defaultValue) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw userError("System property " + property + " must be a number of milliseconds, but is '" + v + "'");
        }
    }

    public static String iso(long millis) {
        return ISO.format(Instant.ofEpochMilli(millis));
    }
}
