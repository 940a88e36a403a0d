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
 * <p>The probe is a scripted update on the job's index of a document id nobody uses, whose script sets
 * {@code ctx.op = 'none'}: nothing is written whatever the answer, and it needs no privilege beyond what
 * writing needs. A routing value is sent so that indices with required routing answer about the script,
 * not the routing. It goes to the update API, not {@code _bulk}, so it is never counted as a bulk request.
 */
final class ScriptSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PROBE_ID = "tablesync-script-probe";
    private static final String PROBE = "{\"script\":{\"lang\":\"painless\",\"source\":\"ctx.op = 'none'\"},\"upsert\":{},\"scripted_upsert\":true}";

    /** The outcome; {@code reason} is the server's answer when scripts do not run. */
    record Result(boolean supported, String reason) {
    }

    private ScriptSupport() {
    }

    /** @param updatePath the update API path of {@link #PROBE_ID} on the job's index (typed on ES 6) */
    static Result probe(EsRequests http, String updatePath) {
        EsRequests.Reply r = http.send("POST", updatePath, PROBE, "routing", PROBE_ID);
        if (r.ok()) {
            return new Result(true, null);
        }
        if (r.status() == 429 || r.status() / 100 == 5) {
            // a busy server says nothing about scripts: prepare is retried (retryTimes) rather than guessing
            throw TablesyncException.userError(EsWriterErrorCode.ES_CONNECTION, "the script support probe (POST " + updatePath
                    + ") answered HTTP " + r.status() + ": " + EsRequests.abbreviate(r.body()));
        }
        return new Result(false, describe(r));
    }

    /** "type: reason (cause)" from an error answer, else the status and body. */
    private static String describe(EsRequests.Reply r) {
        try {
            JsonNode error = JSON.readTree(r.body()).path("error");
            if (error.has("type")) {
                JsonNode cause = error.path("caused_by");
                return error.path("type").asText() + ": " + error.path("reason").asText()
                        + (cause.has("reason") ? " (" + cause.path("reason").asText() + ")" : "");
            }
        } catch (IOException e) {
            // not JSON: fall through to the raw answer
        }
        return "HTTP " + r.status() + ": " + EsRequests.abbreviate(r.body());
    }
}
