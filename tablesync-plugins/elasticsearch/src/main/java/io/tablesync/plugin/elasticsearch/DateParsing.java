package io.tablesync.plugin.elasticsearch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The date rules of research datax.md §4.3: DATE columns and parsed strings become ISO-8601 with
 * milliseconds and offset ({@code 2024-01-01T00:00:00.000+08:00}; {@code Z} for UTC), which every
 * Elasticsearch date mapping without a custom format accepts.
 */
final class DateParsing {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);
    private static final Map<String, DateTimeFormatter> CACHE = new ConcurrentHashMap<>();

    private DateParsing() {
    }

    static String iso(long epochMillis, ZoneId zone) {
        return ISO.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /**
     * A parser for a DataX/Joda-style pattern ({@code yyyy-MM-dd HH:mm:ss}); missing time fields default to
     * midnight. Throws IllegalArgumentException for a pattern java.time cannot read.
     */
    static DateTimeFormatter formatter(String pattern) {
        return CACHE.computeIfAbsent(pattern, p -> new DateTimeFormatterBuilder()
                .appendPattern(p.replace('Y', 'y')) // Joda's Y is year-of-era; java.time's Y is week-based
                .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                .toFormatter(Locale.ROOT)
                .withResolverStyle(ResolverStyle.SMART));
    }

    /** Parses {@code text} with {@code pattern} in {@code zone} (unless the text has its own offset); returns ISO-8601. */
    static String parseToIso(String text, String pattern, ZoneId zone) {
        TemporalAccessor t = formatter(pattern).parse(text.trim());
        ZoneId parsedZone = t.query(TemporalQueries.zone());
        LocalDate date = t.query(TemporalQueries.localDate());
        LocalTime time = t.query(TemporalQueries.localTime());
        if (date == null) {
            throw new IllegalArgumentException("\"" + text + "\" has no date part for pattern \"" + pattern + "\"");
        }
        LocalDateTime ldt = LocalDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time);
        ZonedDateTime z = ldt.atZone(parsedZone != null ? parsedZone : zone);
        return ISO.format(z);
    }
}
