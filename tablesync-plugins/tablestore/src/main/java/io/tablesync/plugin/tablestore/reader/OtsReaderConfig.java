package io.tablesync.plugin.tablestore.reader;

import static io.tablesync.plugin.tablestore.reader.OtsReaderErrorCode.userError;

import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.element.BoolColumn;
import io.tablesync.core.element.BytesColumn;
import io.tablesync.core.element.Column;
import io.tablesync.core.element.DoubleColumn;
import io.tablesync.core.element.LongColumn;
import io.tablesync.core.element.StringColumn;
import io.tablesync.plugin.tablestore.client.OtsEndpoint;
import io.tablesync.plugin.tablestore.table.RowLayout.OutputColumn;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * otsreader's {@code parameter} block as DataX reads it (its "normal" mode): account, {@code table},
 * {@code column} (names and typed constants), {@code range} (begin, end, split; INF_MIN, INF_MAX,
 * string, int, binary), {@code maxRetryTime}. Every mistake names the full key.
 *
 * @param rangeBegin null: from the table's start; else the given leading key values
 * @param rangeEnd   null: to the table's end
 * @param split      partition-key values the user cut the range at (empty: the service's split points)
 */
public record OtsReaderConfig(String endpoint, String accessId, String accessKey, String instanceName, String table,
                              List<OutputColumn> columns, List<PrimaryKeyValue> rangeBegin,
                              List<PrimaryKeyValue> rangeEnd, List<PrimaryKeyValue> split, int maxRetries) {

    /** DataX's default of {@code maxRetryTime}. */
    public static final int DEFAULT_MAX_RETRIES = 18;

    /** Every key DataX's otsreader reads (those of modes tablesync does not run are refused with a message). */
    public static final Set<String> KEYS = Set.of("endpoint", "accessId", "accessKey", "instanceName", "table", "column",
            "range", "mode", "newVersion", "metaMode", "isTimeseriesTable", "measurementName", "timeRange", "maxVersion",
            "maxRetryTime", "maxRetries", "retryPauseInMillisecond", "ioThreadCount", "maxConnectionCount",
            "socketTimeoutInMillisecond", "connectTimeoutInMillisecond");

    public static OtsReaderConfig load(Configuration p) {
        String endpoint = OtsEndpoint.check(required(p, "endpoint"), p.describe("endpoint"));
        String accessId = required(p, "accessId");
        String accessKey = required(p, "accessKey");
        String instanceName = required(p, "instanceName");
        String table = required(p, "table");
        String mode = p.getString("mode", "normal").trim();
        if (mode.equalsIgnoreCase("multiVersion")) {
            throw userError("Parse 'mode' fail, " + p.describe("mode") + " multiVersion (one record per cell version) is not"
                    + " supported by tablesync yet; remove it to read the latest version of each column (mode normal)");
        }
        if (!mode.equalsIgnoreCase("normal")) {
            throw userError("Parse 'mode' fail, the 'mode' only support 'normal' and 'multiVersion' not '" + mode + "'. ("
                    + p.describe("mode") + ")");
        }
        if (bool(p, "isTimeseriesTable")) {
            throw userError(p.describe("isTimeseriesTable") + ": reading timeseries tables is not supported by tablesync yet");
        }
        List<OutputColumn> columns = columns(p);
        int maxRetries = p.has("maxRetryTime") ? p.getInt("maxRetryTime", DEFAULT_MAX_RETRIES)
                : p.getInt("maxRetries", DEFAULT_MAX_RETRIES);
        if (maxRetries < 0) {
            throw userError(p.describe(p.has("maxRetryTime") ? "maxRetryTime" : "maxRetries") + " must be 0 or more, but is "
                    + maxRetries);
        }
        List<PrimaryKeyValue> begin = null;
        List<PrimaryKeyValue> end = null;
        List<PrimaryKeyValue> split = List.of();
        if (p.has("range")) {
            if (!p.get("range").isObject()) {
                throw userError("Parse 'range' fail, " + p.describe("range") + " must be an object with begin, end and split");
            }
            begin = p.has("range.begin") ? keyValues(p, "range.begin") : null;
            end = p.has("range.end") ? keyValues(p, "range.end") : null;
            split = p.has("range.split") ? keyValues(p, "range.split") : List.of();
        }
        return new OtsReaderConfig(endpoint, accessId, accessKey, instanceName, table, columns, begin, end, split, maxRetries);
    }

    private static boolean bool(Configuration p, String key) {
        JsonNode n = p.get(key);
        return n != null && (n.isBoolean() ? n.booleanValue() : Boolean.parseBoolean(n.asText()));
    }

    private static String required(Configuration p, String key) {
        String v = p.getString(key);
        if (v == null) {
            throw userError("Parse '" + key + "' fail, missing the key. (" + p.describe(key) + " is required)");
        }
        v = v.trim();
        if (v.isEmpty()) {
            throw userError("Parse '" + key + "' fail, input the key is empty string. (" + p.describe(key) + ")");
        }
        return v;
    }

    private static List<OutputColumn> columns(Configuration p) {
        if (!p.has("column")) {
            throw userError("Parse 'column' fail, in mode:'normal', the 'column' must specify at least one column_name or"
                    + " const column. (" + p.describe("column") + " is missing)");
        }
        List<JsonNode> items;
        try {
            items = p.getList("column");
        } catch (TablesyncException e) {
            throw userError("Parse 'column' fail. " + e.detail());
        }
        if (items.isEmpty()) {
            throw userError("Parse 'column' fail, in mode:'normal', the 'column' must specify at least one column_name or"
                    + " const column. (" + p.describe("column") + " is empty)");
        }
        List<OutputColumn> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String where = p.describe("column") + "[" + i + "]";
            if (!item.isObject()) {
                throw userError("Parse 'column' fail. the item of column must be map object, but input: " + item + " (" + where + ")");
            }
            JsonNode name = item.get("name");
            if (name != null) {
                if (!name.isTextual() || name.asText().isEmpty()) {
                    throw userError("Parse 'column' fail. the 'name' must be string, but input: " + name + " (" + where + ")");
                }
                out.add(OutputColumn.named(name.asText()));
                continue;
            }
            JsonNode type = item.get("type");
            JsonNode value = item.get("value");
            if (type == null || value == null) {
                throw userError("Parse 'column' fail. the item of column format support '{\"name\":\"\"}' or '{\"type\":\"\","
                        + " \"value\":\"\"}'. (" + where + " is " + item + ")");
            }
            if (!type.isTextual() || !value.isTextual()) {
                throw userError("Parse 'column' fail. the 'type' and 'value' must be string (" + where + " is " + item + ")");
            }
            out.add(new OutputColumn(null, constant(type.asText(), value.asText(), where)));
        }
        return List.copyOf(out);
    }

    private static Column constant(String type, String value, String where) {
        try {
            return switch (type.toLowerCase(Locale.ROOT)) {
                case "string" -> new StringColumn(value);
                case "int" -> new LongColumn(Long.parseLong(value.trim()));
                case "double" -> new DoubleColumn(Double.parseDouble(value.trim()));
                case "bool" -> new BoolColumn(Boolean.parseBoolean(value.trim()));
                case "binary" -> new BytesColumn(Base64.getMimeDecoder().decode(value));
                default -> throw userError("Parse 'column' fail. the const column type only support :['string', 'int',"
                        + " 'double', 'bool', 'binary'] (" + where + ".type is \"" + type + "\")");
            };
        } catch (IllegalArgumentException e) {
            throw userError("Parse 'column' fail. " + where + ".value \"" + value + "\" is not a valid " + type + ": " + e.getMessage());
        }
    }

    private static List<PrimaryKeyValue> keyValues(Configuration p, String key) {
        JsonNode list = p.get(key);
        if (!list.isArray()) {
            throw userError("Parse 'range' fail, input 'begin','end','split' must be list object (" + p.describe(key) + " is " + list + ")");
        }
        List<PrimaryKeyValue> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String where = p.describe(key) + "[" + i + "]";
            if (!item.isObject() || item.get("type") == null || !item.get("type").isTextual()) {
                throw userError("Parse 'range' fail, the column must include 'type' and 'value'. (" + where + " is " + item + ")");
            }
            String type = item.get("type").asText();
            JsonNode value = item.get("value");
            if (type.equalsIgnoreCase("INF_MIN")) {
                out.add(PrimaryKeyValue.INF_MIN);
                continue;
            }
            if (type.equalsIgnoreCase("INF_MAX")) {
                out.add(PrimaryKeyValue.INF_MAX);
                continue;
            }
            if (value == null || !value.isTextual()) {
                throw userError("Parse 'range' fail, the column is missing the field 'value' (a string), input 'type':" + type
                        + " (" + where + ")");
            }
            try {
                out.add(switch (type.toLowerCase(Locale.ROOT)) {
                    case "string" -> PrimaryKeyValue.fromString(value.asText());
                    case "int" -> PrimaryKeyValue.fromLong(Long.parseLong(value.asText().trim()));
                    case "binary" -> PrimaryKeyValue.fromBinary(Base64.getMimeDecoder().decode(value.asText()));
                    default -> throw userError("Parse 'range' fail, the column type only support :['INF_MIN', 'INF_MAX',"
                            + " 'string', 'int', 'binary'] (" + where + ".type is \"" + type + "\")");
                });
            } catch (IllegalArgumentException e) {
                throw userError("Parse 'range' fail, " + where + ".value \"" + value.asText() + "\" is not a valid " + type);
            }
        }
        return List.copyOf(out);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "endpoint: " + endpoint + ", accessId: " + accessId + ", accessKey: ******, instanceName: " + instanceName
                + ", table: " + table + ", columns: " + columns.size() + ", maxRetryTime: " + maxRetries;
    }
}
