package io.tablesync.plugin.tablestore.table;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A primary key as a short printable string, for split states in the status table: one part per key
 * column, {@code name=TYPE:value}, joined by commas. Names and string values travel in URL-safe Base64,
 * so no separator can occur inside a part; INF_MIN and INF_MAX have no value.
 */
public final class PrimaryKeyCodec {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private PrimaryKeyCodec() {
    }

    public static String encode(PrimaryKey key) {
        StringBuilder sb = new StringBuilder();
        for (PrimaryKeyColumn c : key.getPrimaryKeyColumns()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(ENC.encodeToString(c.getName().getBytes(StandardCharsets.UTF_8))).append('=');
            PrimaryKeyValue v = c.getValue();
            if (v.isInfMin()) {
                sb.append("MIN");
            } else if (v.isInfMax()) {
                sb.append("MAX");
            } else {
                switch (v.getType()) {
                    case INTEGER -> sb.append("I:").append(v.asLong());
                    case STRING -> sb.append("S:").append(ENC.encodeToString(v.asString().getBytes(StandardCharsets.UTF_8)));
                    case BINARY -> sb.append("B:").append(ENC.encodeToString(v.asBinary()));
                    default -> throw new IllegalArgumentException("unsupported primary key type " + v.getType());
                }
            }
        }
        return sb.toString();
    }

    public static PrimaryKey decode(String text) {
        List<PrimaryKeyColumn> cols = new ArrayList<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not an encoded primary key: " + text);
            }
            String name = new String(DEC.decode(part.substring(0, eq)), StandardCharsets.UTF_8);
            String v = part.substring(eq + 1);
            PrimaryKeyValue value;
            if (v.equals("MIN")) {
                value = PrimaryKeyValue.INF_MIN;
            } else if (v.equals("MAX")) {
                value = PrimaryKeyValue.INF_MAX;
            } else if (v.startsWith("I:")) {
                value = PrimaryKeyValue.fromLong(Long.parseLong(v.substring(2)));
            } else if (v.startsWith("S:")) {
                value = PrimaryKeyValue.fromString(new String(DEC.decode(v.substring(2)), StandardCharsets.UTF_8));
            } else if (v.startsWith("B:")) {
                value = PrimaryKeyValue.fromBinary(DEC.decode(v.substring(2)));
            } else {
                throw new IllegalArgumentException("not an encoded primary key: " + text);
            }
            cols.add(new PrimaryKeyColumn(name, value));
        }
        return new PrimaryKey(cols);
    }
}
