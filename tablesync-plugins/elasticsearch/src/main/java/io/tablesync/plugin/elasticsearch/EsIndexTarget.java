package io.tablesync.plugin.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.element.DefaultRecord;
import io.tablesync.core.element.Record;
import io.tablesync.core.spi.RecordReceiver;
import io.tablesync.core.spi.TaskPluginCollector;
import io.tablesync.core.verify.IndexTarget;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.elasticsearch.client.RestClient;

/**
 * The index as {@code verify} reads and repairs it. Expected documents come from the writer's own
 * {@link DocumentConverter} and bulk serialisation, so a value is normalised exactly as the writer
 * sends it; repairs go through {@link BulkWriter} (retries, error handling) as full documents.
 */
final class EsIndexTarget implements IndexTarget {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EsWriterConfig cfg;
    private final RestClient client;
    private final EsRequests http;
    private final ServerInfo server;
    private final DocumentConverter converter;
    private final String typePath;

    private EsIndexTarget(EsWriterConfig cfg, RestClient client, EsRequests http, ServerInfo server) {
        this.cfg = cfg;
        this.client = client;
        this.http = http;
        this.server = server;
        this.converter = new DocumentConverter(cfg, server.typeless(), false);
        this.typePath = server.typeless() ? "" : "/" + new IndexManager(http, cfg, server).typeName();
    }

    static EsIndexTarget open(Configuration parameter) {
        EsWriterConfig cfg = new EsWriterConfig(parameter);
        RestClient client = EsClientFactory.create(cfg);
        try {
            EsRequests http = new EsRequests(client, String.join(",", cfg.endpoints));
            ServerInfo server = EsVersionProbe.probe(http, cfg);
            return new EsIndexTarget(cfg, client, http, server);
        } catch (RuntimeException e) {
            close(client);
            throw e;
        }
    }

    @Override
    public String describe() {
        return "index " + cfg.index + " on " + server + " at " + cfg.endpoints;
    }

    @Override
    public List<String> fields() {
        return converter.documentFields();
    }

    @Override
    public Expected expected(Record record) {
        EsAction a;
        try {
            a = converter.convert(record);
        } catch (DocumentConverter.ConversionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (a.id == null) {
            throw new IllegalArgumentException("the job's writer has no document id (no column of type id, no primaryKeyInfo):"
                    + " documents cannot be matched to rows");
        }
        return new Expected(a.id, a.kind == EsAction.Kind.DELETE ? null : BulkRequestBuilder.source(a));
    }

    @Override
    public Map<String, JsonNode> fetch(Collection<String> ids) {
        Map<String, JsonNode> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("ids");
        ids.forEach(list::add);
        JsonNode r = ok(http.send("POST", "/" + cfg.index + typePath + "/_mget", body.toString(), "realtime", "true"),
                "reading documents");
        for (JsonNode d : r.path("docs")) {
            if (d.path("found").asBoolean(false)) {
                out.put(d.path("_id").asText(), d.path("_source"));
            }
        }
        return out;
    }

    @Override
    public void refresh() {
        ok(http.send("POST", "/" + cfg.index + "/_refresh", null), "refreshing the index");
    }

    @Override
    public long count() {
        return ok(http.send("GET", "/" + cfg.index + "/_count", null), "counting documents").path("count").asLong();
    }

    /** Point in time with search_after on _shard_doc (Elasticsearch 7.12+); scroll elsewhere (6.8, OpenSearch). */
    @Override
    public IdPages ids(int pageSize) {
        int major = server.major();
        int minor = minor(server.version());
        boolean pit = !server.isOpenSearch() && (major > 7 || (major == 7 && minor >= 12));
        return pit ? new PitPages(pageSize) : new ScrollPages(pageSize);
    }

    private static int minor(String version) {
        String[] p = version.split("\\.");
        try {
            return p.length > 1 ? Integer.parseInt(p[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private final class PitPages implements IdPages {
        private final int size;
        private String pitId;
        private JsonNode after;
        private boolean done;

        PitPages(int size) {
            this.size = size;
            pitId = ok(http.send("POST", "/" + cfg.index + "/_pit", null, "keep_alive", "2m"), "opening a point in time")
                    .path("id").asText();
        }

        @Override
        public List<String> next() {
            if (done) {
                return List.of();
            }
            ObjectNode body = JSON.createObjectNode();
            body.put("size", size);
            body.put("_source", false);
            body.putObject("pit").put("id", pitId).put("keep_alive", "2m");
            body.putArray("sort").addObject().put("_shard_doc", "asc");
            body.put("track_total_hits", false);
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode r = ok(http.send("POST", "/_search", body.toString()), "listing document ids");
            pitId = r.path("pit_id").asText(pitId);
            List<String> ids = new ArrayList<>();
            for (JsonNode h : r.path("hits").path("hits")) {
                ids.add(h.path("_id").asText());
                after = h.path("sort");
            }
            done = ids.size() < size;
            return ids;
        }

        @Override
        public void close() {
            http.send("DELETE", "/_pit", JSON.createObjectNode().put("id", pitId).toString());
        }
    }

    private final class ScrollPages implements IdPages {
        private final int size;
        private String scrollId;
        private boolean done;

        ScrollPages(int size) {
            this.size = size;
        }

        @Override
        public List<String> next() {
            if (done) {
                return List.of();
            }
            JsonNode r;
            if (scrollId == null) {
                ObjectNode body = JSON.createObjectNode();
                body.put("size", size);
                body.put("_source", false);
                body.putArray("sort").add("_doc");
                r = ok(http.send("POST", "/" + cfg.index + "/_search", body.toString(), "scroll", "2m"), "listing document ids");
            } else {
                r = ok(http.send("POST", "/_search/scroll", JSON.createObjectNode().put("scroll", "2m")
                        .put("scroll_id", scrollId).toString()), "listing document ids");
            }
            scrollId = r.path("_scroll_id").asText(scrollId);
            List<String> ids = new ArrayList<>();
            for (JsonNode h : r.path("hits").path("hits")) {
                ids.add(h.path("_id").asText());
            }
            done = ids.isEmpty();
            return ids;
        }

        @Override
        public void close() {
            if (scrollId != null) {
                http.send("DELETE", "/_search/scroll", JSON.createObjectNode().put("scroll_id", scrollId).toString());
            }
        }
    }

    @Override
    public List<String> sampleIds(int n, long seed) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", n);
        body.put("_source", false);
        ObjectNode fs = body.putObject("query").putObject("function_score");
        fs.putObject("query").putObject("match_all");
        ObjectNode random = fs.putObject("random_score").put("seed", seed);
        if (server.typeless()) {
            random.put("field", "_seq_no"); // 7+ needs a field for a seeded score
        }
        fs.put("boost_mode", "replace");
        JsonNode r = ok(http.send("POST", "/" + cfg.index + "/_search", body.toString()), "sampling documents");
        List<String> ids = new ArrayList<>();
        for (JsonNode h : r.path("hits").path("hits")) {
            ids.add(h.path("_id").asText());
        }
        return ids;
    }

    @Override
    public Map<Integer, String> idParts(String id) {
        return converter.idParts(id);
    }

    @Override
    public long repair(List<Record> rewrite, List<String> deleteIds) {
        AtomicLong failed = new AtomicLong();
        TaskPluginCollector collector = new TaskPluginCollector() {
            @Override
            public void collectDirtyRecord(Record record, Throwable cause, String message) {
                failed.incrementAndGet();
            }

            @Override
            public void incrementCounter(String label, long delta) {
            }
        };
        String bulkPath = "/" + cfg.index + typePath + "/_bulk";
        BulkWriter writer = new BulkWriter(client, cfg, bulkPath, NO_RECEIVER, collector);
        for (Record r : rewrite) {
            EsAction a;
            try {
                a = converter.convert(r);
            } catch (DocumentConverter.ConversionException e) {
                failed.incrementAndGet();
                continue;
            }
            // a full document replaces whatever is stored (also under actionType update)
            writer.add(new EsAction(r, EsAction.Kind.INDEX, a.id, a.routing, a.parent, null, a.names, a.values, a.size, null));
        }
        for (String id : deleteIds) {
            writer.add(new EsAction(new DefaultRecord(0), EsAction.Kind.DELETE, id, null, null, null, null, null, 0, null));
        }
        writer.finish();
        return failed.get();
    }

    /** Repairs are not read from a channel: nothing to receive, acknowledgements go nowhere. */
    private static final RecordReceiver NO_RECEIVER = new RecordReceiver() {
        @Override
        public Record getFromReader() {
            return null;
        }

        @Override
        public Record poll(Duration timeout) {
            return null;
        }

        @Override
        public boolean isEnded() {
            return true;
        }

        @Override
        public void acknowledge(Record record) {
        }
    };

    private JsonNode ok(EsRequests.Reply reply, String what) {
        if (!reply.ok()) {
            throw TablesyncException.userError(EsWriterErrorCode.ES_CONNECTION, what + " in index " + cfg.index + " failed: HTTP "
                    + reply.status() + " " + EsRequests.abbreviate(reply.body()));
        }
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw TablesyncException.userError(EsWriterErrorCode.ES_CONNECTION, what + ": not JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        close(client);
    }

    private static void close(RestClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
    }
}
