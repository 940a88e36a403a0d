package io.tablesync.core.element;

import io.tablesync.core.CommonErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import java.nio.charset.Charset;
import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

/**
 * String⇄Date⇄Bytes conversion settings from {@code common.column} (datetimeFormat, dateFormat,
 * timeFormat, extraFormats, timeZone, encoding). Bound once per job by the engine, like DataX's
 * ColumnCast, because columns convert themselves without a context.
 */
public final class ColumnCast {
    /** Immutable settings; formats are cloned per thread because SimpleDateFormat is not thread-safe. */
    public record Settings(String datetimeFormat, String dateFormat, String timeFormat, List<String> extraFormats,
            TimeZone timeZone, Charset encoding) {
    }

    private static volatile Settings settings = defaults();
    private static final ThreadLocal<FormatCache> FORMATS = new ThreadLocal<>();

    private ColumnCast() {
    }

    public static Settings defaults() {
        return new Settings("yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", "HH:mm:ss", List.of("yyyyMMdd"),
                TimeZone.getTimeZone("GMT+8"), Charset.forName("UTF-8"));
    }

    public static Settings settings() {
        return settings;
    }

    public static void bind(Configuration root) {
        Settings d = defaults();
        String prefix = "common.column.";
        List<String> extra = root.has(prefix + "extraFormats") ? root.getStringList(prefix + "extraFormats") : d.extraFormats();
        String encodingName = root.getString(prefix + "encoding", "utf-8");
        Charset encoding;
        try {
            encoding = Charset.forName(encodingName);
        } catch (RuntimeException e) {
            throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR,
                    "common.column.encoding: unknown character set \"" + encodingName + "\"");
        }
        settings = new Settings(
                root.getString(prefix + "datetimeFormat", d.datetimeFormat()),
                root.getString(prefix + "dateFormat", d.dateFormat()),
                root.getString(prefix + "timeFormat", d.timeFormat()),
                List.copyOf(extra),
                timeZone(root.getString(prefix + "timeZone", "GMT+8")),
                encoding);
        FORMATS.remove();
    }

    /** Parses a zone id, rejecting typos that TimeZone.getTimeZone would silently turn into GMT. */
    public static TimeZone timeZone(String id) {
        TimeZone tz = TimeZone.getTimeZone(id);
        if (!tz.getID().equals(id) && !"GMT".equals(id) && tz.getID().equals("GMT")) {
            throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR,
                    "common.column.timeZone: unknown time zone \"" + id + "\" (use e.g. GMT+8 or Asia/Shanghai)");
        }
        return tz;
    }

    static String date2String(long millis, DateColumn.DateType type) {
        FormatCache f = formats();
        SimpleDateFormat fmt = type == DateColumn.DateType.DATE ? f.date : type == DateColumn.DateType.TIME ? f.time : f.datetime;
        return fmt.format(new Date(millis));
    }

    static Date string2Date(String text) {
        FormatCache f = formats();
        for (SimpleDateFormat fmt : f.parseOrder) {
            ParsePosition pos = new ParsePosition(0);
            Date d = fmt.parse(text, pos);
            if (d != null && pos.getIndex() == text.length()) {
                return d;
            }
        }
        throw TablesyncException.userError(CommonErrorCode.CONVERT_NOT_SUPPORT,
                String.format("String[\"%s\"]不能转为Date .", text));
    }

    private static FormatCache formats() {
        Settings s = settings;
        FormatCache cache = FORMATS.get();
        if (cache == null || cache.settings != s) {
            cache = new FormatCache(s);
            FORMATS.set(cache);
        }
        return cache;
    }

    private static final class FormatCache {
        final Settings settings;
        final SimpleDateFormat datetime;
        final SimpleDateFormat date;
        final SimpleDateFormat time;
        final List<SimpleDateFormat> parseOrder = new ArrayList<>();

        FormatCache(Settings s) {
            this.settings = s;
            this.datetime = format(s.datetimeFormat(), s.timeZone());
            this.date = format(s.dateFormat(), s.timeZone());
            this.time = format(s.timeFormat(), s.timeZone());
            parseOrder.add(datetime);
            parseOrder.add(date);
            parseOrder.add(time);
            for (String extra : s.extraFormats()) {
                parseOrder.add(format(extra, s.timeZone()));
            }
        }

        private static SimpleDateFormat format(String pattern, TimeZone tz) {
            SimpleDateFormat f = new SimpleDateFormat(pattern);
            f.setTimeZone(tz);
            f.setLenient(false);
            return f;
        }
    }
}
