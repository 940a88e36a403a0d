package io.tablesync.plugin.elasticsearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.config.SecretMasker;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every elasticsearchwriter parameter (research datax.md §4.1/§4.2), aliases resolved, defaults
 * applied, values checked. Errors name the key as written in the job file.
 */
final class EsWriterConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keys DataX knows plus ours; the engine warns about anything else. */
    static final Set<String> KEYS = Set.of(
            "endpoint", "username", "accessId", "password", "accessKey", "index", "indexType", "type", "cleanup", "truncate",
            "includeSettingKeys", "settings", "dynamic", "dstDynamic", "actionType", "batchSize", "trySize", "tryInterval",
            "timeout", "maxTotalConnection", "compression", "compress", "multiThread", "discovery", "discoveryFilter",
            "ignoreWriteError", "ignoreParseError", "alias", "aliasMode", "splitter", "enableWriteNull", "primaryKeyInfo",
            "fieldDelimiter", "esPartitionColumn", "urlParams", "deleteBy", "esVersion", "masterTimeout",
            "enableRedundantColumn", "retryTimes", "sleepTimeInMilliSecond", "version", "versioning", "mode", "column",
            // tablesync additions (README "Differences from DataX")
            "apiKey", "caFile", "truststore", "truststorePassword", "truststoreType", "insecure", "batchByteSize",
            "flushInterval", "retryInitialInterval", "maxBulksInFlight");

    enum ActionType { INDEX, UPDATE, CREATE, DELETE }

    /**
     * Enough requests in flight to keep a node's write threads busy while the next batch is built and the
     * previous answer is parsed (BENCHMARKS.md, issue 14), few enough not to queue up on a small node.
     */
    static final int DEFAULT_MAX_BULKS_IN_FLIGHT = 4;

    final List<String> endpoints;
    final String username;
    final String password;
    final String apiKey;
    final String index;
    final String indexType; // null: the index name (DataX's default)
    final boolean cleanup;
    final List<String> includeSettingKeys;
    final ObjectNode settings;
    final boolean dynamic;
    final JsonNode dstDynamic;
    final ActionType actionType;
    final int batchSize;
    final long batchByteSize;
    final long flushIntervalMs;
    /** Bulk requests one task may have in flight at once (only requests whose document ids are disjoint). */
    final int maxBulksInFlight;
    final int trySize;
    final long tryIntervalMs;
    final long retryInitialIntervalMs;
    final int timeoutMs;
    final int maxTotalConnection;
    final boolean compression;
    final boolean discovery;
    final boolean ignoreWriteError;
    final boolean ignoreParseError;
    final String alias;
    final boolean aliasExclusive;
    final String splitter;
    final boolean enableWriteNull;
    final List<String> primaryKeyColumns; // null: id columns decide
    final String primaryKeyDelimiter;
    final List<String> partitionColumns; // null: routing columns decide
    final Map<String, String> urlParams;
    final List<Map<String, Set<String>>> deleteBy;
    final Integer esVersion;
    final String masterTimeout;
    final boolean enableRedundantColumn;
    final int prepareRetryTimes;
    final long prepareRetrySleepMs;
    final String caFile;
    final String truststore;
    final String truststorePassword;
    final String truststoreType;
    final boolean insecure;
    final List<EsColumn> columns;

    EsWriterConfig(Configuration c) {
        String endpoint = c.getNecessaryString("endpoint");
        List<String[]> urlCredentials = new ArrayList<>();
        this.endpoints = parseEndpoints(c, endpoint, urlCredentials);
        String user = blankToNull(first(c, "username", "accessId"));
        String pass = first(c, "password", "accessKey");
        if (!urlCredentials.isEmpty()) {
            // http://user:pass@host:9200, as curl and the ES clients take it: basic auth, never printed
            String[] cred = urlCredentials.get(0);
            for (String[] other : urlCredentials) {
                if (!other[0].equals(cred[0]) || !other[1].equals(cred[1])) {
                    throw configError(c.describe("endpoint") + " lists endpoints with different credentials: use one user for all");
                }
            }
            if (user != null || (pass != null && !pass.isEmpty())) {
                throw configError(c.describe("endpoint") + " contains credentials (user:password@) and "
                        + c.describe(c.has("username") || c.has("password") ? "username/password" : "accessId/accessKey")
                        + " are set too: keep one of them");
            }
            user = cred[0];
            pass = cred[1];
        }
        this.username = user;
        this.password = pass;
        this.apiKey = blankToNull(c.getString("apiKey"));
        if (apiKey != null && username != null) {
            throw configError(c.describe("apiKey") + " and " + c.describe(c.has("username") ? "username" : "accessId")
                    + " are both set: use either an API key or a user name and password");
        }
        this.index = c.getNecessaryString("index");
        if (!index.equals(index.toLowerCase(Locale.ROOT)) || index.startsWith("_") || index.contains(",")
                || index.contains("/") || index.contains(" ")) {
            throw configError(c.describe("index") + " \"" + index + "\" is not a valid index name "
                    + "(lowercase, no leading '_', no ',', '/' or spaces)");
        }
        this.indexType = blankToNull(first(c, "indexType", "type"));
        this.cleanup = bool(c, false, "cleanup", "truncate");
        this.includeSettingKeys = c.has("includeSettingKeys") ? c.getStringList("includeSettingKeys")
                : List.of("number_of_shards", "number_of_replicas");
        this.settings = jsonObject(c, "settings");
        this.dynamic = c.getBool("dynamic", false);
        this.dstDynamic = c.get("dstDynamic");
        String action = c.getString("actionType", "index").trim().toLowerCase(Locale.ROOT);
        try {
            this.actionType = ActionType.valueOf(action.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw configError(c.describe("actionType") + " must be one of index, update, create, delete, but is \"" + action + "\"");
        }
        this.batchSize = positive(c, "batchSize", 1024);
        this.batchByteSize = positiveLong(c, "batchByteSize", 5L * 1024 * 1024);
        this.flushIntervalMs = positiveLong(c, "flushInterval", 200);
        this.maxBulksInFlight = positive(c, "maxBulksInFlight", DEFAULT_MAX_BULKS_IN_FLIGHT);
        this.trySize = positive(c, "trySize", 30);
        this.tryIntervalMs = positiveLong(c, "tryInterval", 60_000);
        this.retryInitialIntervalMs = Math.min(positiveLong(c, "retryInitialInterval", 100), tryIntervalMs);
        this.timeoutMs = (int) Math.min(Integer.MAX_VALUE, positiveLong(c, "timeout", 600_000));
        this.maxTotalConnection = positive(c, "maxTotalConnection", 200);
        this.compression = bool(c, true, "compression", "compress");
        this.discovery = c.getBool("discovery", false);
        this.ignoreWriteError = c.getBool("ignoreWriteError", false);
        this.ignoreParseError = c.getBool("ignoreParseError", true);
        this.alias = blankToNull(c.getString("alias"));
        String mode = c.getString("aliasMode", "append").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("append") && !mode.equals("exclusive")) {
            throw configError(c.describe("aliasMode") + " must be append or exclusive, but is \"" + mode + "\"");
        }
        this.aliasExclusive = mode.equals("exclusive");
        this.splitter = c.getString("splitter", "-,-");
        this.enableWriteNull = c.getBool("enableWriteNull", true);
        this.urlParams = stringMap(c, "urlParams");
        Integer v = c.getInt("esVersion");
        this.esVersion = v;
        this.masterTimeout = c.getString("masterTimeout", "5m");
        this.enableRedundantColumn = c.getBool("enableRedundantColumn", false);
        this.prepareRetryTimes = positive(c, "retryTimes", 3);
        // DataX waits 10 s between prepare attempts; 2 s keeps an unreachable endpoint's failure near 10 s in all
        this.prepareRetrySleepMs = c.getLong("sleepTimeInMilliSecond", 2_000);
        this.caFile = blankToNull(c.getString("caFile"));
        this.truststore = blankToNull(c.getString("truststore"));
        this.truststorePassword = c.getString("truststorePassword");
        this.truststoreType = c.getString("truststoreType");
        this.insecure = c.getBool("insecure", false);
        if (insecure && (caFile != null || truststore != null)) {
            throw configError(c.describe("insecure") + " turns certificate checks off; it cannot be combined with "
                    + (caFile != null ? c.describe("caFile") : c.describe("truststore")));
        }

        this.columns = parseColumns(c);
        Set<String> names = new HashSet<>();
        columns.forEach(col -> names.add(col.name()));

        // primaryKeyInfo: {"type":"specific","column":[...],"fieldDelimiter":"_"}, inline or as a JSON string
        JsonNode pk = jsonValue(c, "primaryKeyInfo");
        if (pk != null && "specific".equalsIgnoreCase(pk.path("type").asText())) {
            List<String> cols = new ArrayList<>();
            pk.path("column").forEach(n -> cols.add(n.asText()));
            for (String col : cols) {
                if (!names.contains(col)) {
                    throw TablesyncException.userError(EsWriterErrorCode.RECORD_FIELD_NOT_FOUND,
                            c.describe("primaryKeyInfo") + " names column \"" + col + "\", which is not in " + c.describe("column"));
                }
            }
            this.primaryKeyColumns = cols;
            this.primaryKeyDelimiter = pk.has("fieldDelimiter") ? pk.get("fieldDelimiter").asText()
                    : c.getString("fieldDelimiter", "");
        } else {
            this.primaryKeyColumns = null;
            this.primaryKeyDelimiter = "";
        }
        // esPartitionColumn: [{"name":...}, ...], inline or as a JSON string
        JsonNode part = jsonValue(c, "esPartitionColumn");
        if (part != null && part.isArray() && part.size() > 0) {
            List<String> cols = new ArrayList<>();
            for (JsonNode n : part) {
                String name = n.isObject() ? n.path("name").asText() : n.asText();
                if (!names.contains(name)) {
                    throw TablesyncException.userError(EsWriterErrorCode.RECORD_FIELD_NOT_FOUND,
                            c.describe("esPartitionColumn") + " names column \"" + name + "\", which is not in " + c.describe("column"));
                }
                cols.add(name);
            }
            this.partitionColumns = cols;
        } else {
            this.partitionColumns = null;
        }
        this.deleteBy = parseDeleteBy(c, names);

        boolean hasId = primaryKeyColumns != null || columns.stream().anyMatch(col -> col.type() == EsFieldType.ID);
        if ((actionType == ActionType.UPDATE || actionType == ActionType.DELETE) && !hasId) {
            throw TablesyncException.userError(EsWriterErrorCode.UPDATE_WITH_ID, c.describe("actionType") + " \""
                    + actionType.name().toLowerCase(Locale.ROOT) + "\" needs the document id: add a column of type \"id\" or primaryKeyInfo");
        }
    }

    boolean hasId() {
        return primaryKeyColumns != null || columns.stream().anyMatch(col -> col.type() == EsFieldType.ID);
    }

    /** Secrets to scrub from any message (the engine also masks them in the printed configuration). */
    List<String> secrets() {
        List<String> s = new ArrayList<>();
        if (password != null && !password.isEmpty()) {
            s.add(password);
        }
        if (apiKey != null) {
            s.add(apiKey);
        }
        if (truststorePassword != null && !truststorePassword.isEmpty()) {
            s.add(truststorePassword);
        }
        return s;
    }

    // ---------------------------------------------------------------------------------------------

    /** The endpoints without credentials; credentials found in them go to {@code credentials} as {user, password}. */
    private static List<String> parseEndpoints(Configuration c, String endpoint, List<String[]> credentials) {
        List<String> out = new ArrayList<>();
        for (String e : endpoint.split(",")) {
            String t = e.trim();
            if (t.isEmpty()) {
                continue;
            }
            String shown = SecretMasker.maskUrl(t);
            String lower = t.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
                throw configError(c.describe("endpoint") + " \"" + shown + "\" has no scheme: write http://" + shown
                        + " or https://" + shown);
            }
            URI uri;
            try {
                uri = new URI(t);
            } catch (URISyntaxException ex) {
                throw configError(c.describe("endpoint") + " \"" + shown + "\" is not a valid URL: " + ex.getReason());
            }
            if (uri.getHost() == null) {
                throw configError(c.describe("endpoint") + " \"" + shown + "\" has no host name");
            }
            if (uri.getRawUserInfo() != null) {
                String info = uri.getRawUserInfo();
                int colon = info.indexOf(':');
                credentials.add(new String[] {decode(colon < 0 ? info : info.substring(0, colon)),
                        colon < 0 ? "" : decode(info.substring(colon + 1))});
                t = t.substring(0, t.indexOf("://") + 3) + t.substring(t.indexOf('@') + 1);
            }
            out.add(t.endsWith("/") ? t.substring(0, t.length() - 1) : t);
        }
        if (out.isEmpty()) {
            throw configError(c.describe("endpoint") + " is empty");
        }
        return List.copyOf(out);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static List<EsColumn> parseColumns(Configuration c) {
        List<Configuration> items = c.getListConfiguration("column");
        if (items.isEmpty()) {
            throw configError(c.describe("column") + " must list at least one column");
        }
        List<EsColumn> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Configuration col = items.get(i);
            String name = col.getNecessaryString("name");
            String typeName = col.getString("type");
            EsFieldType type;
            if ("pk".equals(name)) {
                type = EsFieldType.ID; // DataX: a column named pk is always the id
            } else if (typeName == null || typeName.isBlank()) {
                throw configError(col.describe("type") + ": column \"" + name + "\" must have a type");
            } else {
                type = EsFieldType.parse(typeName);
                if (type == null) {
                    throw configError(col.describe("type") + ": column \"" + name + "\" has unsupported type \"" + typeName + "\"");
                }
            }
            if (!type.isVirtual() && !seen.add(name)) {
                throw configError(col.describe("name") + ": field \"" + name + "\" is listed twice");
            }
            ZoneId zone = null;
            String tz = col.getString("timezone");
            if (tz != null && !tz.isBlank()) {
                try {
                    zone = ZoneId.of(tz.trim());
                } catch (DateTimeException e) {
                    throw configError(col.describe("timezone") + " \"" + tz + "\" is not a time zone (e.g. Asia/Shanghai, +08:00, UTC)");
                }
            }
            String format = blankToNull(col.getString("format"));
            if (format != null && !col.getBool("origin", false) && type == EsFieldType.DATE) {
                try {
                    DateParsing.formatter(format);
                } catch (IllegalArgumentException e) {
                    throw configError(col.describe("format") + " \"" + format + "\" is not a date pattern: " + e.getMessage());
                }
            }
            List<String> combine = col.has("combineFields") ? col.getStringList("combineFields") : List.of();
            if (!combine.isEmpty() && type != EsFieldType.ID) {
                throw configError(col.describe("combineFields") + " is only allowed on a column of type id");
            }
            out.add(new EsColumn(i, name, type, col.getBool("array", false), col.getBool("dstArray", false),
                    col.getBool("json_array", false), col.getBool("origin", false), format, blankToNull(col.getString("dstFormat")),
                    zone, combine, col.getString("combineFieldsValueSeparator", "-"), MappingBuilder.options(col, type),
                    col.get("other_params")));
        }
        // combineFields must name columns that come before the id column (DataX's rule)
        for (EsColumn col : out) {
            for (String f : col.combineFields()) {
                boolean before = out.stream().anyMatch(o -> o.name().equals(f) && o.index() < col.index());
                if (!before) {
                    throw TablesyncException.userError(EsWriterErrorCode.RECORD_FIELD_NOT_FOUND, c.describe("column[" + col.index()
                            + "].combineFields") + " names \"" + f + "\", which must be a column listed before \"" + col.name() + "\"");
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<Map<String, Set<String>>> parseDeleteBy(Configuration c, Set<String> names) {
        JsonNode n = jsonValue(c, "deleteBy");
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw configError(c.describe("deleteBy") + " must be a JSON array of condition objects, e.g. [{\"op\":\"DR\"}]");
        }
        List<Map<String, Set<String>>> out = new ArrayList<>();
        for (JsonNode cond : n) {
            if (!cond.isObject()) {
                throw configError(c.describe("deleteBy") + " must contain objects, but has " + cond);
            }
            Map<String, Set<String>> m = new LinkedHashMap<>();
            cond.fields().forEachRemaining(e -> {
                if (!names.contains(e.getKey())) {
                    throw TablesyncException.userError(EsWriterErrorCode.RECORD_FIELD_NOT_FOUND,
                            c.describe("deleteBy") + " names column \"" + e.getKey() + "\", which is not in " + c.describe("column"));
                }
                Set<String> values = new LinkedHashSet<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(x -> values.add(x.asText()));
                } else {
                    values.add(e.getValue().asText());
                }
                m.put(e.getKey(), values);
            });
            out.add(m);
        }
        return List.copyOf(out);
    }

    /** A value given inline (object/array) or as a string holding JSON, as DataX accepts both. */
    private static JsonNode jsonValue(Configuration c, String key) {
        JsonNode n = c.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            if (n.asText().isBlank()) {
                return null;
            }
            try {
                return JSON.readTree(n.asText());
            } catch (JsonProcessingException e) {
                throw configError(c.describe(key) + " is not valid JSON: " + e.getOriginalMessage());
            }
        }
        return n;
    }

    private static ObjectNode jsonObject(Configuration c, String key) {
        JsonNode n = jsonValue(c, key);
        if (n == null) {
            return JSON.createObjectNode();
        }
        if (!n.isObject()) {
            throw configError(c.describe(key) + " must be a JSON object, but is " + n);
        }
        return (ObjectNode) n;
    }

    private static Map<String, String> stringMap(Configuration c, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        jsonObject(c, key).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isValueNode()
                ? e.getValue().asText() : e.getValue().toString()));
        return out;
    }

    private static String first(Configuration c, String key, String alias) {
        return c.has(key) ? c.getString(key) : c.getString(alias);
    }

    private static boolean bool(Configuration c, boolean dflt, String key, String alias) {
        return c.has(key) ? c.getBool(key) : c.getBool(alias, dflt);
    }

    private static int positive(Configuration c, String key, int dflt) {
        int v = c.getInt(key, dflt);
        if (v <= 0) {
            throw configError(c.describe(key) + " must be greater than 0, but is " + v);
        }
        return v;
    }

    private static long positiveLong(Configuration c, String key, long dflt) {
        long v = c.getLong(key, dflt);
        if (v <= 0) {
            throw configError(c.describe(key) + " must be greater than 0, but is " + v);
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static TablesyncException configError(String detail) {
        return TablesyncException.userError(EsWriterErrorCode.BAD_CONFIG_VALUE, detail);
    }
}
