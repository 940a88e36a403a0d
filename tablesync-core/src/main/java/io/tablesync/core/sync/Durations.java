package io.tablesync.core.sync;

/** Durations as people read them in a log line: "45 s", "12 min 5 s", "3 h 20 min", "2 d 4 h". */
final class Durations {
    private Durations() {
    }

    static String human(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 60) {
            return s + " s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + " min " + (s % 60) + " s";
        }
        long h = m / 60;
        if (h < 48) {
            return h + " h " + (m % 60) + " min";
        }
        return (h / 24) + " d " + (h % 24) + " h";
    }
}
