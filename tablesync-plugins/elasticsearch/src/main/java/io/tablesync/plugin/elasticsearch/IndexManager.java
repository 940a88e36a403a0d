package io.tablesync.plugin.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tablesync.core.TablesyncException;
import java.io.IOException;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job-side index work, in DataX's order (research datax.md §4.4/§4.5): optional cleanup (delete and
 * recreate, keeping {@code includeSettingKeys}), create with {@code settings}, put the mapping unless
 * {@code dynamic}, and in post the alias.
 */
final class IndexManager {
    private static final Logger LOG = LoggerFactory.getLogger(IndexManager.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EsRequests http;
    private final EsWriterConfig cfg;
    private final ServerInfo server;

    IndexManager(EsRequests http, EsWriterConfig cfg, ServerInfo server) {
        this.http = http;
        this.cfg = cfg;
        this.server = server;
    }

    /** The mapping type for ES 6 requests: {@code indexType}/{@code type}, else the index name (DataX). */
    String typeName() {
        return cfg.indexType != null ? cfg.indexType : cfg.index;
    }

    void prepare() {
        ObjectNode settings = cfg.settings.deepCopy();
        boolean exists = exists();
        if (exists && cfg.cleanup) {
            // settings copied from the old index, unless the user sets them (in any of ES's spellings)
            ObjectNode finalSettings = settings;
            keptSettings().fields().forEachRemaining(e -> {
                String k = e.getKey();
                if (!finalSettings.has(k) && !finalSettings.has("index." + k) && !finalSettings.path("index").has(k)) {
                    finalSettings.put("index." + k, e.getValue().asText());
                }
            });
            EsRequests.Reply del = http.send("DELETE", "/" + cfg.index, null, "master_timeout", cfg.masterTimeout);
            if (!del.ok() && del.status() != 404) {
                throw TablesyncException.userError(EsWriterErrorCode.ES_INDEX_DELETE, "DELETE /" + cfg.index + " answered HTTP "
                        + del.status() + ": " + EsRequests.abbreviate(del.body()));
            }
            LOG.info("cleanup: deleted index [{}]; recreating it", cfg.index);
            exists = false;
        }
        if (!exists) {
            ObjectNode body = JSON.createObjectNode();
            body.set("settings", settings);
            EsRequests.Reply r = http.send("PUT", "/" + cfg.index, body.toString(), "master_timeout", cfg.masterTimeout);
            if (!r.ok() && !r.body().contains("resource_already_exists_exception") && !r.body().contains("index_already_exists_exception")) {
                throw TablesyncException.userError(EsWriterErrorCode.ES_INDEX_CREATE, "creating index [" + cfg.index + "] failed with HTTP "
                        + r.status() + ": " + EsRequests.abbreviate(r.body()));
            }
            LOG.info("created index [{}] on {}", cfg.index, server);
        } else {
            EsRequests.Reply m = http.send("GET", "/" + cfg.index + "/_mapping", null);
            LOG.info("index [{}] exists; current mapping: {}", cfg.index, EsRequests.abbreviate(m.body()));
        }
        if (cfg.dynamic) {
            return; // DataX: rely on dynamic mapping, no PUT mapping
        }
        EsRequests.Reply r;
        if (server.typeless()) {
            r = http.send("PUT", "/" + cfg.index + "/_mapping", MappingBuilder.typeless(cfg).toString(), "master_timeout", cfg.masterTimeout);
        } else {
            r = http.send("PUT", "/" + cfg.index + "/" + typeName() + "/_mapping", MappingBuilder.typed(cfg, typeName()).toString(),
                    "master_timeout", cfg.masterTimeout);
        }
        if (!r.ok()) {
            throw TablesyncException.userError(EsWriterErrorCode.ES_MAPPINGS, "putting the mapping of index [" + cfg.index + "] failed with HTTP "
                    + r.status() + ": " + EsRequests.abbreviate(r.body()));
        }
    }

    /** Job.post: point {@code alias} at the index; {@code exclusive} also takes it off every other index, atomically. */
    void applyAlias() {
        if (cfg.alias == null) {
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode actions = body.putArray("actions");
        if (cfg.aliasExclusive) {
            EsRequests.Reply cur = http.send("GET", "/_alias/" + cfg.alias, null);
            if (cur.ok()) {
                for (Iterator<String> it = parse(cur.body()).fieldNames(); it.hasNext(); ) {
                    String other = it.next();
                    if (!other.equals(cfg.index)) {
                        actions.addObject().putObject("remove").put("index", other).put("alias", cfg.alias);
                    }
                }
            }
        }
        actions.addObject().putObject("add").put("index", cfg.index).put("alias", cfg.alias);
        EsRequests.Reply r = http.send("POST", "/_aliases", body.toString(), "master_timeout", cfg.masterTimeout);
        if (!r.ok()) {
            throw TablesyncException.userError(EsWriterErrorCode.ES_ALIAS_MODIFY, "setting alias [" + cfg.alias + "] on index [" + cfg.index
                    + "] failed with HTTP " + r.status() + ": " + EsRequests.abbreviate(r.body()));
        }
        LOG.info("alias [{}] -> [{}] ({})", cfg.alias, cfg.index, cfg.aliasExclusive ? "exclusive" : "append");
    }

    private boolean exists() {
        EsRequests.Reply r = http.send("HEAD", "/" + cfg.index, null);
        return r.status() == 200;
    }

    /** includeSettingKeys of the existing index, keys without the "index." prefix. */
    private ObjectNode keptSettings() {
        ObjectNode out = JSON.createObjectNode();
        EsRequests.Reply r = http.send("GET", "/" + cfg.index + "/_settings", null);
        if (!r.ok()) {
            return out;
        }
        JsonNode indexSettings = parse(r.body()).path(cfg.index).path("settings").path("index");
        for (String key : cfg.includeSettingKeys) {
            String k = key.startsWith("index.") ? key.substring(6) : key;
            JsonNode v = indexSettings.get(k);
            if (v != null) {
                out.set(k, v);
            }
        }
        return out;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
