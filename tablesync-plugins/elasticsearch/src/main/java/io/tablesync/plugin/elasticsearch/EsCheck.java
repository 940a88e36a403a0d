package io.tablesync.plugin.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.check.Checklist;
import io.tablesync.core.config.Configuration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.RestClient;

/**
 * elasticsearchwriter's part of {@code tablesync check}, through the writer's own client, requests
 * and version probe: reachable, credentials, version, the index, and whether its existing mapping
 * takes the job's columns (a field the job maps with another type would make the writer's PUT
 * mapping fail, or documents be rejected). Only GET and HEAD requests: nothing is created or written.
 */
final class EsCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EsCheck() {
    }

    static void check(Configuration parameter, Checklist out) {
        EsWriterConfig cfg;
        try {
            cfg = new EsWriterConfig(parameter);
        } catch (TablesyncException e) {
            out.fail("writer parameters", e.detail(), "correct job.content[0].writer.parameter as the message says");
            return;
        }
        String where = String.join(",", cfg.endpoints);
        RestClient client;
        try {
            client = EsClientFactory.create(cfg); // builds TLS from caFile/truststore: their mistakes show here
        } catch (TablesyncException e) {
            out.fail("writer parameters", e.detail(), "correct the writer's TLS settings (caFile, truststore, insecure)");
            return;
        }
        out.pass("writer parameters", "valid (index " + cfg.index + ", " + cfg.columns.size() + " columns)");
        try (client) {
            probe(cfg, new EsRequests(client, where), where, out);
        } catch (IOException e) {
            // closing a client that was used: nothing the user can act on, and every probe has answered
        }
    }

    private static void probe(EsWriterConfig cfg, EsRequests http, String where, Checklist out) {
        try {
            http.send("GET", "/", null);
        } catch (TablesyncException e) {
            if (e.errorCode() == EsWriterErrorCode.ES_AUTHENTICATION) {
                out.pass("Elasticsearch reachable", where);
                credentialsRejected(e, out);
            } else {
                out.fail("Elasticsearch reachable", e.detail(), "check writer.endpoint (scheme, host, port), DNS, TLS"
                        + " settings and firewalls between this machine and the cluster");
            }
            return;
        }
        out.pass("Elasticsearch reachable", where);
        ServerInfo server;
        try {
            server = EsVersionProbe.probe(http, cfg);
        } catch (TablesyncException e) {
            if (e.errorCode() == EsWriterErrorCode.ES_AUTHENTICATION) {
                credentialsRejected(e, out);
            } else {
                out.fail("Elasticsearch version", e.detail(), "set writer.esVersion, or let the user read GET / or"
                        + " GET /_nodes/_local");
            }
            return;
        }
        out.pass("Elasticsearch credentials", cfg.apiKey != null ? "API key accepted" : cfg.username != null
                ? "user " + cfg.username + " accepted" : "none configured; the server answers anonymous requests");
        out.pass("Elasticsearch version", server + (server.typeless() ? " (typeless requests)" : " (typed requests)"));
        try {
            index(cfg, http, server, out);
        } catch (TablesyncException e) {
            out.fail("index " + cfg.index, e.detail(), e.errorCode() == EsWriterErrorCode.ES_AUTHENTICATION
                    ? "grant the user view_index_metadata, create_index, manage and write on the index" : "see the message");
        }
    }

    private static void credentialsRejected(TablesyncException e, Checklist out) {
        out.fail("Elasticsearch credentials", e.detail(), "check writer.username/password or apiKey (or the variable"
                + " or file they reference); a 403 means the user needs the monitor cluster privilege and index privileges");
    }

    private static void index(EsWriterConfig cfg, EsRequests http, ServerInfo server, Checklist out) {
        String subject = "index " + cfg.index;
        EsRequests.Reply head = http.send("HEAD", "/" + cfg.index, null);
        if (head.status() == 404) {
            out.pass(subject, "does not exist yet: sync creates it" + (cfg.dynamic ? " (dynamic mapping)" : " with the job's mapping"));
            return;
        }
        if (!head.ok()) {
            out.fail(subject, "HEAD /" + cfg.index + " answered HTTP " + head.status(), "check the index name and the cluster's health");
            return;
        }
        if (cfg.cleanup) {
            out.pass(subject, "exists; cleanup: true deletes and recreates it with the job's mapping at every start");
            return;
        }
        EsRequests.Reply mapping = http.send("GET", "/" + cfg.index + "/_mapping", null);
        if (!mapping.ok()) {
            out.fail(subject, "GET /" + cfg.index + "/_mapping answered HTTP " + mapping.status() + ": "
                    + EsRequests.abbreviate(mapping.body()), "check that the user may read the index's mapping");
            return;
        }
        out.pass(subject, "exists");
        JsonNode mappings = parse(mapping.body()).path(cfg.index).path("mappings");
        if (mappings.isMissingNode()) { // an alias: the answer is keyed by the index behind it
            Iterator<JsonNode> it = parse(mapping.body()).elements();
            mappings = it.hasNext() ? it.next().path("mappings") : mappings;
        }
        compareMapping(cfg, server, mappings, out);
    }

    /** The existing fields' types against the types the job's mapping would put (ES rejects any change of type). */
    static void compareMapping(EsWriterConfig cfg, ServerInfo server, JsonNode mappings, Checklist out) {
        String subject = "mapping of " + cfg.index;
        JsonNode root = mappings;
        if (!mappings.has("properties") && !server.typeless()) {
            String type = mappings.fieldNames().hasNext() ? mappings.fieldNames().next() : null;
            IndexManager im = new IndexManager(null, cfg, server);
            if (type != null && !type.equals(im.typeName())) {
                out.fail(subject, "the index has mapping type [" + type + "], the job writes type [" + im.typeName() + "]",
                        "set writer.type to " + type + " or write into a new index");
                return;
            }
            root = type == null ? mappings : mappings.path(type);
        }
        JsonNode properties = root.path("properties");
        List<String> conflicts = new ArrayList<>();
        int matching = 0;
        for (EsColumn c : cfg.columns) {
            if (c.isVirtual() || MappingBuilder.combinedAway(cfg, c)) {
                continue;
            }
            JsonNode field = properties.get(c.name());
            if (field == null) {
                continue; // new field: the writer's PUT mapping adds it
            }
            String existing = field.has("type") ? field.path("type").asText() : field.has("properties") ? "object" : "?";
            String wanted = c.type().mappingType();
            if (!existing.equals(wanted)) {
                conflicts.add(c.name() + " is " + existing + " in the index, the job maps it as " + wanted);
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = c.mappingOptions().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> option = it.next();
                JsonNode have = field.get(option.getKey());
                if (have != null && !have.asText().equals(option.getValue().asText())) {
                    conflicts.add(c.name() + "." + option.getKey() + " is " + have + " in the index, the job sets " + option.getValue());
                }
            }
            matching++;
        }
        if (!conflicts.isEmpty()) {
            out.fail(subject, "incompatible with the job's columns: " + String.join("; ", conflicts),
                    cfg.dynamic ? "change those columns' types in writer.column to the index's, or reindex"
                            : "change those columns' types in writer.column to the index's, write into a new index, or"
                            + " reindex (Elasticsearch cannot change a field's type in place)");
            return;
        }
        if ("strict".equals(root.path("dynamic").asText()) && cfg.dynamic) {
            out.fail(subject, "the index's mapping is dynamic: strict and the job relies on dynamic mapping (dynamic: true)",
                    "set writer.dynamic to false so the job puts its mapping, or add the fields to the index");
            return;
        }
        out.pass(subject, "compatible with the job's columns (" + matching + " field(s) already mapped with the same type)");
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
