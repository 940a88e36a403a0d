package io.tablesync.cli;

import io.tablesync.core.source.StreamingOptions.StartAt;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses the command line's durations ({@code 5m}, {@code 250ms}, {@code PT30S}) and start points ({@code --from}). */
public final class TimeArguments {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private TimeArguments() {
    }

    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not a duration: write e.g. 250ms, 30s, 5m, 1h");
        }
    }

    static StartAt startAt(String text) {
        String t = text.trim();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "earliest":
                return StartAt.earliest();
            case "now":
                return StartAt.now();
            default:
                break;
        }
        if (t.matches("\\d{10,}")) {
            return StartAt.time(Long.parseLong(t));
        }
        try {
            return StartAt.time(OffsetDateTime.parse(t).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not a start point: write earliest, now, epoch"
                    + " milliseconds (1700000000000) or an ISO time with its zone (2026-12-02T10:00:00+08:00, or ...Z)");
        }
    }

    /** picocli converter for positive durations. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = duration(value);
            if (d.isZero() || d.isNegative()) {
                throw new TypeConversionException("'" + value + "' must be longer than zero");
            }
            return d;
        }
    }

    /** picocli converter for {@code --from}. */
    public static final class StartAtConverter implements ITypeConverter<StartAt> {
        @Override
        public StartAt convert(String value) {
            return startAt(value);
        }
    }
}
