package io.tablesync.plugin.tablestore.table;

import com.alicloud.openservices.tablestore.model.PrimaryKey;

/**
 * A piece of a table in key order: rows from {@code next} (inclusive; where reading resumes) to
 * {@code end} (exclusive). Its encoded form is a split's state; {@link #DONE} marks a range read to
 * its end.
 */
public record KeyRange(PrimaryKey next, PrimaryKey end) {
    public static final String DONE = "DONE";
    private static final String SEPARATOR = ";";

    public String encode() {
        return PrimaryKeyCodec.encode(next) + SEPARATOR + PrimaryKeyCodec.encode(end);
    }

    public static KeyRange decode(String state) {
        int i = state.indexOf(SEPARATOR);
        if (i < 0) {
            throw new IllegalArgumentException("not a key range state: " + state);
        }
        return new KeyRange(PrimaryKeyCodec.decode(state.substring(0, i)), PrimaryKeyCodec.decode(state.substring(i + 1)));
    }

    public KeyRange from(PrimaryKey resumeAt) {
        return new KeyRange(resumeAt, end);
    }
}
