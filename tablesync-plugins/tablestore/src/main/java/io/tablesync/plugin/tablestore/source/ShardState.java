package io.tablesync.plugin.tablestore.source;

import io.tablesync.plugin.tablestore.checkpoint.CheckpointRow;

/**
 * The encodings of a shard's reading state (a split state): a shard iterator, or one of three
 * markers. The first two are DataX's checkpoint values, so the status table means the same to both.
 */
public final class ShardState {
    /** The shard's oldest retained record. */
    public static final String TRIM_HORIZON = CheckpointRow.TRIM_HORIZON;
    /** The shard is closed and was read to its end. */
    public static final String SHARD_END = CheckpointRow.SHARD_END;
    private static final String AT_PREFIX = "AT:";

    private ShardState() {
    }

    /** The first record at or after {@code millis} (source time); older records are skipped. */
    public static String at(long millis) {
        return AT_PREFIX + millis;
    }

    public static boolean isAt(String state) {
        return state.startsWith(AT_PREFIX);
    }

    public static long atMillis(String state) {
        return Long.parseLong(state.substring(AT_PREFIX.length()));
    }

    /** A state for logs: iterators are long opaque strings. */
    public static String describe(String state) {
        if (state.equals(TRIM_HORIZON) || state.equals(SHARD_END)) {
            return state;
        }
        if (isAt(state)) {
            return "time " + atMillis(state);
        }
        return "iterator " + (state.length() > 16 ? state.substring(0, 16) + "…" : state);
    }
}
