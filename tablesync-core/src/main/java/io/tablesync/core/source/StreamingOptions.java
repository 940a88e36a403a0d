package io.tablesync.core.source;

/**
 * How a continuous run starts and what it does when its position is gone.
 *
 * @param from       where splits without a checkpoint start; null: the job's own start setting, else
 *                   the oldest retained change
 * @param onTrimmed  what to do when a checkpoint points at data the source already discarded
 * @param snapshot   copy the whole table first (positions recorded before the copy, the stream read
 *                   from them after it), unless this job's snapshot is already complete
 */
public record StreamingOptions(StartAt from, OnTrimmed onTrimmed, boolean snapshot) {

    public StreamingOptions(StartAt from, OnTrimmed onTrimmed) {
        this(from, onTrimmed, false);
    }

    public static StreamingOptions defaults() {
        return new StreamingOptions(null, OnTrimmed.FAIL);
    }

    public StreamingOptions withSnapshot(boolean s) {
        return new StreamingOptions(from, onTrimmed, s);
    }

    /** Where to start reading a split that has no checkpoint. */
    public record StartAt(Kind kind, long millis) {
        public enum Kind { EARLIEST, NOW, TIME }

        public static StartAt earliest() {
            return new StartAt(Kind.EARLIEST, -1);
        }

        public static StartAt now() {
            return new StartAt(Kind.NOW, -1);
        }

        public static StartAt time(long millis) {
            return new StartAt(Kind.TIME, millis);
        }

        @Override
        public String toString() {
            return kind == Kind.TIME ? String.valueOf(millis) : kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A checkpoint older than the source keeps. */
    public enum OnTrimmed {
        /** Stop with a message saying what was lost and what to do. */
        FAIL,
        /** Start the split at its oldest retained change, warn loudly, and count it as a gap. */
        SKIP
    }
}
