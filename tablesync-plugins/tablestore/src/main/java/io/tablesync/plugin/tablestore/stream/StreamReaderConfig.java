package io.tablesync.plugin.tablestore.stream;

import static io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode.userError;

import com.fasterxml.jackson.databind.JsonNode;
import io.tablesync.core.CommonErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.plugin.tablestore.client.OtsEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * otsstreamreader's {@code parameter} block, validated with DataX's messages (research/datax.md
 * §3.1) plus the full key name, so a user can find the line to fix.
 */
public record StreamReaderConfig(
        String endpoint, String accessId, String accessKey, String instanceName,
        String dataTable, String statusTable, TimeWindow window,
        boolean exportSequenceInfo, int maxRetries, ReadMode mode, List<String> columns,
        boolean enableSeekIterator, int threadNum, boolean enableTableGroupSupport,
        boolean confSimplifyEnable, DeleteMode deleteMode, int streamRecordLimit) {

    private static final Logger LOG = LoggerFactory.getLogger(StreamReaderConfig.class);

    public static final int DEFAULT_MAX_RETRIES = 30;
    public static final int DEFAULT_THREAD_NUM = 32;
    /**
     * Records asked for per GetStreamRecord call. DataX asks for the service's default (100 on
     * tablestore-local); each call costs a signed HTTP exchange and, in single-version mode, often a
     * BatchGetRow for row-existence checks, so pages of 1,000 cut the reader's requests tenfold.
     */
    public static final int DEFAULT_STREAM_RECORD_LIMIT = 1000;

    /** Every key the reader understands (the engine warns about others). */
    public static final Set<String> KEYS = Set.of("endpoint", "accessId", "accessKey", "instanceName", "dataTable",
            "statusTable", TimeWindow.START_MILLIS, TimeWindow.END_MILLIS, TimeWindow.DATE, TimeWindow.START_STRING,
            TimeWindow.END_STRING, "isExportSequenceInfo", "maxRetries", "mode", "column", "enableSeekIterator",
            "isTimeseriesTable", "threadNum", "enableTableGroupSupport", "confSimplifyEnable", "deleteMode",
            "streamRecordLimit");

    /** The parameters of a DataX window job: the window is required and closed. */
    public static StreamReaderConfig load(Configuration p) {
        return load(p, true);
    }

    /**
     * The parameters of a continuous run ({@code tablesync sync}): the same keys and checks, but the
     * window keys are optional ({@link TimeWindow#parseOpen}).
     */
    public static StreamReaderConfig loadContinuous(Configuration p) {
        return load(p, false);
    }

    private static StreamReaderConfig load(Configuration p, boolean window) {
        try {
            return parse(p, window);
        } catch (TablesyncException e) {
            // Type errors from Configuration carry the generic config code; DataX reports every
            // reader configuration error as OTSStreamReaderError, so keep that one code.
            if (e.errorCode() == CommonErrorCode.CONFIG_ERROR) {
                throw userError(e.detail());
            }
            throw e;
        }
    }

    private static StreamReaderConfig parse(Configuration p, boolean closedWindow) {
        String endpoint = OtsEndpoint.check(requiredString(p, "endpoint"), p.describe("endpoint"));
        String accessId = requiredString(p, "accessId");
        String accessKey = requiredString(p, "accessKey");
        String instanceName = requiredString(p, "instanceName");
        String dataTable = requiredString(p, "dataTable");
        String statusTable = requiredString(p, "statusTable");
        boolean exportSequenceInfo = p.getBool("isExportSequenceInfo", false);
        boolean seek = p.getBool("enableSeekIterator", false);
        boolean simplify = p.getBool("confSimplifyEnable", false);
        boolean tableGroup = p.getBool("enableTableGroupSupport", false);
        int threadNum = p.getInt("threadNum", DEFAULT_THREAD_NUM);
        if (threadNum < 1) {
            throw userError(p.describe("threadNum") + " must be at least 1, but is " + threadNum);
        }
        TimeWindow window = closedWindow ? TimeWindow.parse(p) : TimeWindow.parseOpen(p);
        int maxRetries = p.getInt("maxRetries", DEFAULT_MAX_RETRIES);
        if (maxRetries < 0) {
            throw userError(p.describe("maxRetries") + " must be 0 or more, but is " + maxRetries);
        }
        ReadMode mode = mode(p);
        List<String> columns = List.of();
        if (mode == ReadMode.SINGLE_VERSION_AND_UPDATE_ONLY) {
            if (p.getBool("isTimeseriesTable", false)) {
                throw userError(p.describe("isTimeseriesTable")
                        + ": reading the stream of a timeseries table is not supported by tablesync yet");
            }
            columns = columns(p);
            if (columns.isEmpty()) {
                // DataX silently drops every change then; nothing would ever reach the writer
                throw userError(p.describe("column") + " is " + (p.has("column") ? "empty" : "missing") + ": mode "
                        + "single_version_and_update_only emits exactly the listed columns, so without any every change is"
                        + " dropped. List the primary key and the attribute columns to sync, e.g. \"column\": [{\"name\":"
                        + " \"uid\"}, {\"name\": \"name\"}], or remove \"mode\" to read every cell change (multi-version)");
            }
        } else {
            if (p.has("column")) {
                LOG.warn("The multi version mode doesn't support setting columns, column config will ignore.");
            }
            if (p.has("isTimeseriesTable")) {
                LOG.warn("The multi version mode doesn't support setting Timeseries stream, stream config will ignore.");
            }
        }
        DeleteMode deleteMode = deleteMode(p);
        int streamRecordLimit = p.getInt("streamRecordLimit", DEFAULT_STREAM_RECORD_LIMIT);
        if (streamRecordLimit < 1) {
            throw userError(p.describe("streamRecordLimit") + " must be at least 1, but is " + streamRecordLimit);
        }
        StreamReaderConfig c = new StreamReaderConfig(endpoint, accessId, accessKey, instanceName, dataTable,
                statusTable, window, exportSequenceInfo, maxRetries, mode, columns, seek, threadNum, tableGroup,
                simplify, deleteMode, streamRecordLimit);
        LOG.info("otsstreamreader: {}", c);
        return c;
    }

    private static String requiredString(Configuration p, String key) {
        String v = p.getString(key);
        if (v == null) {
            throw userError("missing the key. (" + p.describe(key) + " is required)");
        }
        v = v.trim();
        if (v.isEmpty()) {
            throw userError("input the key is empty string. (" + p.describe(key) + " must not be empty)");
        }
        return v;
    }

    private static ReadMode mode(Configuration p) {
        String mode = p.getString("mode");
        if (mode == null) {
            return ReadMode.MULTI_VERSION;
        }
        // DataX rejects "multi_version"; we accept it as the explicit name of DataX's default.
        for (ReadMode m : ReadMode.values()) {
            if (m.name().equalsIgnoreCase(mode.trim())) {
                return m;
            }
        }
        throw userError("Unsupported Mode: " + mode + ", please check your config. (" + p.describe("mode")
                + " must be single_version_and_update_only or multi_version)");
    }

    private static List<String> columns(Configuration p) {
        List<String> out = new ArrayList<>();
        List<JsonNode> items;
        try {
            items = p.getList("column");
        } catch (TablesyncException e) {
            throw userError("Parse column fail, please check your config. " + e.detail());
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String where = p.describe("column") + "[" + i + "]";
            if (!item.isObject()) {
                throw userError("Parse column fail, please check your config. The item of column must be map object,"
                        + " please check your input. (" + where + " is " + item + "; write {\"name\": " + item + "})");
            }
            JsonNode name = item.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw userError("Parse column fail, please check your config. (" + where + ".name must be a column name)");
            }
            out.add(name.asText());
        }
        return List.copyOf(out);
    }

    private static DeleteMode deleteMode(Configuration p) {
        String v = p.getString("deleteMode");
        if (v == null) {
            return DeleteMode.PROPAGATE;
        }
        try {
            return DeleteMode.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw userError(p.describe("deleteMode") + " must be \"propagate\" or \"ignore\", but is \"" + v + "\"");
        }
    }

    /** Never prints the secret (DataX logs it in clear text; we do not). */
    @Override
    public String toString() {
        return "endpoint: " + endpoint + ", accessKeyId: " + accessId + ", accessKeySecret: ******"
                + ", instanceName: " + instanceName + ", dataTableName: " + dataTable + ", statusTableName: "
                + statusTable + ", isExportSequenceInfo: " + exportSequenceInfo + ", startTimestampMillis: "
                + window.startMillis() + ", endTimestampMillis: " + window.endMillis() + ", maxRetries: " + maxRetries
                + ", mode: " + mode.name().toLowerCase(Locale.ROOT) + ", columns: " + columns
                + ", enableSeekIterator: " + enableSeekIterator + ", threadNum: " + threadNum
                + ", confSimplifyEnable: " + confSimplifyEnable + ", deleteMode: "
                + deleteMode.name().toLowerCase(Locale.ROOT) + ", streamRecordLimit: " + streamRecordLimit;
    }
}
