package io.tablesync.cli.ots;

import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.Row;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tablesync.core.CommonErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.JsonSupport;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code ots} commands' text forms: {@code name=value} assignments ({@code name:integer=5} for
 * other types; primary key columns take the table's types) and rows printed as one JSON object per
 * line, primary key first.
 */
final class OtsRows {
    private OtsRows() {
    }

    /** One {@code name[:type]=value} argument. */
    record Assignment(String name, String type, String value) {
    }

    static List<Assignment> parse(List<String> args) {
        List<Assignment> out = new ArrayList<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw error("\"" + a + "\" is not name=value (or name:type=value, type string, integer, double, boolean, binary)");
            }
            String left = a.substring(0, eq);
            int colon = left.indexOf(':');
            out.add(new Assignment(colon < 0 ? left : left.substring(0, colon),
                    colon < 0 ? null : left.substring(colon + 1).toLowerCase(Locale.ROOT), a.substring(eq + 1)));
        }
        return out;
    }

    /** The primary key from the assignments that name key columns; every key column must be given. */
    static PrimaryKey primaryKey(List<PrimaryKeySchema> schema, List<Assignment> values) {
        Map<String, Assignment> byName = new LinkedHashMap<>();
        values.forEach(v -> byName.put(v.name(), v));
        PrimaryKeyBuilder b = PrimaryKeyBuilder.createPrimaryKeyBuilder();
        for (PrimaryKeySchema s : schema) {
            Assignment a = byName.get(s.getName());
            if (a == null) {
                throw error("the primary key column " + s.getName() + " is missing: add " + s.getName() + "=<value>");
            }
            b.addPrimaryKeyColumn(s.getName(), keyValue(s.getType(), a));
        }
        return b.build();
    }

    static boolean isKey(List<PrimaryKeySchema> schema, String name) {
        return schema.stream().anyMatch(s -> s.getName().equals(name));
    }

    private static PrimaryKeyValue keyValue(PrimaryKeyType type, Assignment a) {
        switch (type) {
            case STRING:
                return PrimaryKeyValue.fromString(a.value());
            case INTEGER:
                return PrimaryKeyValue.fromLong(parseLong(a));
            case BINARY:
                return PrimaryKeyValue.fromBinary(Base64.getDecoder().decode(a.value()));
            default:
                throw error("primary key column " + a.name() + " has type " + type + ", which this command cannot write");
        }
    }

    static ColumnValue value(Assignment a) {
        String type = a.type() == null ? "string" : a.type();
        switch (type) {
            case "string":
                return ColumnValue.fromString(a.value());
            case "integer":
            case "long":
                return ColumnValue.fromLong(parseLong(a));
            case "double":
                try {
                    return ColumnValue.fromDouble(Double.parseDouble(a.value()));
                } catch (NumberFormatException e) {
                    throw error(a.name() + ": \"" + a.value() + "\" is not a double");
                }
            case "boolean":
                if (!a.value().equalsIgnoreCase("true") && !a.value().equalsIgnoreCase("false")) {
                    throw error(a.name() + ": \"" + a.value() + "\" is not true or false");
                }
                return ColumnValue.fromBoolean(Boolean.parseBoolean(a.value()));
            case "binary":
                return ColumnValue.fromBinary(Base64.getDecoder().decode(a.value()));
            default:
                throw error(a.name() + ": unknown type \"" + type + "\" (string, integer, double, boolean, binary)");
        }
    }

    private static long parseLong(Assignment a) {
        try {
            return Long.parseLong(a.value());
        } catch (NumberFormatException e) {
            throw error(a.name() + ": \"" + a.value() + "\" is not an integer");
        }
    }

    /** One row as a JSON object: key columns first, then attribute columns (latest version each). */
    static String json(Row row) {
        ObjectNode o = JsonSupport.mapper().createObjectNode();
        for (PrimaryKeyColumn k : row.getPrimaryKey().getPrimaryKeyColumns()) {
            PrimaryKeyValue v = k.getValue();
            switch (v.getType()) {
                case INTEGER -> o.put(k.getName(), v.asLong());
                case BINARY -> o.put(k.getName(), Base64.getEncoder().encodeToString(v.asBinary()));
                default -> o.put(k.getName(), v.asString());
            }
        }
        for (Column c : row.getColumns()) {
            if (o.has(c.getName())) {
                continue; // older versions of a column come after the latest
            }
            ColumnValue v = c.getValue();
            switch (v.getType()) {
                case INTEGER -> o.put(c.getName(), v.asLong());
                case DOUBLE -> o.put(c.getName(), v.asDouble());
                case BOOLEAN -> o.put(c.getName(), v.asBoolean());
                case BINARY -> o.put(c.getName(), Base64.getEncoder().encodeToString(v.asBinary()));
                default -> o.put(c.getName(), v.asString());
            }
        }
        return o.toString();
    }

    static TablesyncException error(String message) {
        return TablesyncException.userError(CommonErrorCode.CONFIG_ERROR, message);
    }
}
