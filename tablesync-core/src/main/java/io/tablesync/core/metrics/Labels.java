package io.tablesync.core.metrics;

import java.util.Locale;

/** Free-text reasons as metric label values: bounded, predictable characters. */
public final class Labels {
    private Labels() {
    }

    /** Lower case, runs of anything but letters, digits and underscores as one underscore, at most 64 characters. */
    public static String of(String reason) {
        if (reason == null || reason.isBlank()) {
            return "unspecified";
        }
        String s = reason.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
