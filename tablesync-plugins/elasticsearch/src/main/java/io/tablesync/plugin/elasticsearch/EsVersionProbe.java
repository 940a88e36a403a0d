package io.tablesync.plugin.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tablesync.core.TablesyncException;
import java.io.IOException;
import java.util.Iterator;

/**
 * Finds out which server we talk to. {@code GET /} first (its {@code version.distribution} tells
 * OpenSearch apart); where that is refused — the ES 8 integ-test-zip answers 405, locked-down
 * clusters 403 — the node info API, which every supported version serves. DataX took any failure of
 * {@code GET /} to mean "older than 7" and then sent typed requests to ES 8.
 */
final class EsVersionProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EsVersionProbe() {
    }

    static ServerInfo probe(EsRequests http, EsWriterConfig cfg) {
        if (cfg.esVersion != null) {
            // the user told us; DataX semantics: a value >= 7 means typeless
            return new ServerInfo("elasticsearch", String.valueOf(cfg.esVersion), cfg.esVersion);
        }
        EsRequests.Reply root = http.send("GET", "/", null);
        if (root.ok()) {
            JsonNode v = parse(root.body()).path("version");
            String number = v.path("number").asText("");
            if (!number.isEmpty()) {
                return info(v.path("distribution").asText("elasticsearch"), number);
            }
        }
        EsRequests.Reply nodes = http.send("GET", "/_nodes/_local", null, "filter_path", "nodes.*.version");
        if (nodes.ok()) {
            Iterator<JsonNode> it = parse(nodes.body()).path("nodes").elements();
            if (it.hasNext()) {
                String number = it.next().path("version").asText("");
                int major = major(number);
                // no distribution field here: Elasticsearch 7.14+ marks every response, OpenSearch never does,
                // and supported Elasticsearch releases are >= 6 while OpenSearch is 1-3
                String dist = nodes.product() != null || major >= 5 ? "elasticsearch" : "opensearch";
                return info(dist, number);
            }
        }
        throw TablesyncException.userError(EsWriterErrorCode.ES_MAPPINGS, "cannot find out the server version: GET / answered "
                + "HTTP " + root.status() + ", GET /_nodes/_local answered HTTP " + nodes.status()
                + ". Set \"esVersion\" in the writer parameters.");
    }

    private static ServerInfo info(String distribution, String number) {
        return new ServerInfo(distribution.toLowerCase(java.util.Locale.ROOT), number, major(number));
    }

    /** The whole major number (DataX read only the first digit, so "10.x" would have been 1). */
    static int major(String number) {
        int dot = number.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? number : number.substring(0, dot));
        } catch (NumberFormatException e) {
            throw TablesyncException.userError(EsWriterErrorCode.ES_MAPPINGS, "server reported an unreadable version \"" + number + "\"");
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
