package io.tablesync.plugin.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tablesync.core.TablesyncException;
import java.io.IOException;

/**
 * Finds out in job prepare whether the server runs painless scripts, which removing a deleted column's
 * field needs (a partial {@code doc} can only set values). Production Elasticsearch and OpenSearch
 * always can (painless is a default module); test distributions and locked-down clusters
 * ({@code script.allowed_types: none}) cannot.
 *
 * <p>The probe is the writer's own kind of request: a one-item {@code _bulk} on the job's index with a
 * scripted update of a document id nobody uses, whose script sets {@code ctx.op = 'none'}, so nothing
 * is written whatever the answer. It needs no privilege beyond what writing needs. A routing value
 * is sent so that indices with required routing answer about the script, not the routing.
 */
final class ScriptSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PROBE_ID = "_tablesync_script_probe";
    private static final String PROBE = "{\"update\":{\"_id\":\"" + PROBE_ID + "\",\"routing\":\"" + PROBE_ID + "\"}}\n"
            + "{\"script\":{\"lang\":\"painless\",\"source\":\"ctx.op = 'none'\"},\"upsert\":{},\"scripted_upsert\":true}\n";

    /** The outcome; {@code reason} is the server's answer when scripts do not run. */
    record Result(boolean supported, String reason) {
    }

    private ScriptSupport() {
    }

    static Result probe(EsRequests http, String bulkPath) {
        EsRequests.Reply r = http.send("POST", bulkPath, PROBE);
        if (r.status() == 429 || r.status() / 100 == 5) {
            throw busy(bulkPath, r.status(), r.body());
        }
        if (!r.ok()) {
            return new Result(false, "HTTP " + r.status() + ": " + EsRequests.abbreviate(r.body()));
        }
        JsonNode item;
        try {
            item = JSON.readTree(r.body()).path("items").path(0).path("update");
        } catch (IOException e) {
            return new Result(false, "unreadable answer: " + EsRequests.abbreviate(r.body()));
        }
        int status = item.path("status").asInt();
        if (status / 100 == 2) {
            return new Result(true, null);
        }
        if (status == 429 || status / 100 == 5) {
            throw busy(bulkPath, status, item.toString());
        }
        JsonNode error = item.path("error");
        JsonNode cause = error.path("caused_by");
        return new Result(false, error.path("type").asText("HTTP " + status) + ": " + error.path("reason").asText(item.toString())
                + (cause.has("reason") ? " (" + cause.path("reason").asText() + ")" : ""));
    }

    /** A busy server says nothing about scripts: prepare is retried (retryTimes) rather than guessing. */
    private static TablesyncException busy(String bulkPath, int status, String body) {
        return TablesyncException.userError(EsWriterErrorCode.ES_CONNECTION, "the script support probe (POST " + bulkPath
                + ") answered HTTP " + status + ": " + EsRequests.abbreviate(body));
    }
}
