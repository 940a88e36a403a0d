package io.tablesync.plugin.tablestore.table;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;

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

    /**
     * The range in key terms for a log line, start included and end excluded: {@code [uid="k00100" .. uid="k00200")},
     * or with a key of several columns {@code [(region="b", id=MIN) .. (region="c", id=MIN))}; infinite bounds as
     * MIN / MAX.
     */
    public String describe() {
        boolean several = next.getPrimaryKeyColumns().length > 1;
        String from = describe(next);
        String to = describe(end);
        return several ? "[(" + from + ") .. (" + to + "))" : "[" + from + " .. " + to + ")";
    }

    /** A key in key terms: {@code region="b", id=42}; long strings shortened, binaries in Base64. */
    public static String describe(PrimaryKey key) {
        StringBuilder sb = new StringBuilder();
        for (PrimaryKeyColumn c : key.getPrimaryKeyColumns()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(c.getName()).append('=');
            PrimaryKeyValue v = c.getValue();
            if (v.isInfMin()) {
                sb.append("MIN");
            } else if (v.isInfMax()) {
                sb.append("MAX");
            } else {
                switch (v.getType()) {
                    case INTEGER -> sb.append(v.asLong());
                    case STRING -> sb.append('"').append(shortened(v.asString())).append('"');
                    default -> sb.append("b64:").append(shortened(java.util.Base64.getEncoder().encodeToString(v.asBinary())));
                }
            }
        }
        return sb.toString();
    }

    private static String shortened(String s) {
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "…";
    }

    private static final int SHOWN_CHARS = 40;

    public KeyRange from(PrimaryKey resumeAt) {
        return new KeyRange(resumeAt, end);
    }
}
