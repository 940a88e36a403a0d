package io.tablesync.bench.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsHttp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the documents that differ from the table: a row without its document, a document whose fields
 * differ from the row's columns (a null field counts as absent), and documents without a row (by the
 * index's count). Documents are fetched by id with {@code _mget}, 1,000 at a time, so any table size works.
 */
final class IndexCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int missing, int different, long extra) {
        long wrong() {
            return missing + different + extra;
        }
    }

    private IndexCheck() {
    }

    static Result compare(EsHttp http, String index, Map<String, Map<String, String>> table) {
        http.post("/" + index + "/_refresh", "");
        Map<String, Map<String, String>> expected = SeedDemo.expectedDocuments(table);
        List<String> ids = new ArrayList<>(expected.keySet());
        int missing = 0;
        int different = 0;
        for (int from = 0; from < ids.size(); from += 1000) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode idArray = body.putArray("ids");
            ids.subList(from, Math.min(ids.size(), from + 1000)).forEach(idArray::add);
            JsonNode docs = http.post("/" + index + "/_mget", body.toString()).expectOk().json().path("docs");
            for (JsonNode d : docs) {
                if (!d.path("found").asBoolean()) {
                    missing++;
                    continue;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                d.path("_source").fields().forEachRemaining(e -> {
                    if (!e.getValue().isNull()) {
                        fields.put(e.getKey(), e.getValue().asText());
                    }
                });
                if (!fields.equals(expected.get(d.path("_id").asText()))) {
                    different++;
                }
            }
        }
        long extra = http.count(index) - (ids.size() - missing);
        return new Result(missing, different, extra);
    }
}
