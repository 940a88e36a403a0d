package io.tablesync.testkit.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy against a real node. The proxy is version-agnostic; the test prefers a typeless server
 * (ES 6 bulk requests need a type in the path) and adds the type when only ES 6 is selected.
 */
class FaultProxyTest {
    private EsNode node;
    private FaultProxy proxy;
    private EsHttp viaProxy;

    @BeforeEach
    void setUp() {
        EsDistribution dist = EsDistribution.selected().stream().filter(d -> d != EsDistribution.ES_6).findFirst()
                .orElse(EsDistribution.ES_6);
        node = EsNodes.shared(dist);
        proxy = FaultProxy.start(node);
        viaProxy = new EsHttp(proxy.url(), null, null, null);
    }

    @AfterEach
    void tearDown() {
        proxy.close();
    }

    /** The bulk endpoint of an index on this node (ES 6 requires a mapping type). */
    private String bulkPath(String index) {
        return node.majorVersion() == 6 && !node.isOpenSearch() ? "/" + index + "/_doc/_bulk" : "/" + index + "/_bulk";
    }

    private static String bulk(String... ids) {
        StringBuilder sb = new StringBuilder();
        for (String id : ids) {
            sb.append("{\"index\":{\"_id\":\"").append(id).append("\"}}\n{\"v\":\"").append(id).append("\"}\n");
        }
        return sb.toString();
    }

    @Test
    void failsWholeRequestsThenPassesThrough() {
        node.http().deleteIndex("proxy-whole");
        proxy.failRequests("_bulk", 2, 503);
        assertThat(viaProxy.post(bulkPath("proxy-whole"), bulk("a")).status()).isEqualTo(503);
        assertThat(viaProxy.post(bulkPath("proxy-whole"), bulk("a")).status()).isEqualTo(503);
        EsHttp.Response ok = viaProxy.post(bulkPath("proxy-whole"), bulk("a"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("errors").asBoolean()).isFalse();
        assertThat(node.http().count("proxy-whole")).isEqualTo(1);
        assertThat(proxy.bulkRequests()).extracting(FaultProxy.Seen::status).containsExactly(503, 503, 200);
    }

    @Test
    void failedBulkItemsAreNotAppliedAndComeBackAtTheirPositions() {
        node.http().deleteIndex("proxy-items");
        proxy.failBulkItems(1, 429, "es_rejected_execution_exception", it -> "b".equals(it.id()));
        JsonNode r = viaProxy.post(bulkPath("proxy-items"), bulk("a", "b", "c")).expectOk().json();
        assertThat(r.path("errors").asBoolean()).isTrue();
        assertThat(r.path("items")).hasSize(3);
        assertThat(r.path("items").get(0).path("index").path("_id").asText()).isEqualTo("a");
        assertThat(r.path("items").get(0).path("index").path("status").asInt()).isBetween(200, 201);
        assertThat(r.path("items").get(1).path("index").path("status").asInt()).isEqualTo(429);
        assertThat(r.path("items").get(1).path("index").path("error").path("type").asText()).isEqualTo("es_rejected_execution_exception");
        assertThat(r.path("items").get(2).path("index").path("_id").asText()).isEqualTo("c");
        assertThat(node.http().source("proxy-items", "b")).isNull();
        assertThat(node.http().count("proxy-items")).isEqualTo(2);
        // the fault was for one request only
        JsonNode again = viaProxy.post(bulkPath("proxy-items"), bulk("b")).expectOk().json();
        assertThat(again.path("errors").asBoolean()).isFalse();
        assertThat(proxy.bulkRequests().get(0).failedItems()).extracting(FaultProxy.BulkItem::id).containsExactly("b");
    }

    @Test
    void allItemsFailedNeverReachTheServer() {
        node.http().deleteIndex("proxy-all");
        proxy.failBulkItems(1, 503, "unavailable_shards_exception", it -> true);
        JsonNode r = viaProxy.post(bulkPath("proxy-all"), bulk("x", "y")).expectOk().json();
        assertThat(r.path("items")).extracting(i -> i.path("index").path("status").asInt()).containsExactly(503, 503);
        assertThat(node.http().head("/proxy-all").status()).isEqualTo(404);
    }

    @Test
    void readsGzipBodiesAndRecordsHeaders() throws Exception {
        node.http().deleteIndex("proxy-gzip");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(bulk("g1", "g2").getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(proxy.url() + bulkPath("proxy-gzip")))
                .header("Content-Type", "application/x-ndjson").header("Content-Encoding", "gzip").header("X-Probe", "seen")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(node.http().count("proxy-gzip")).isEqualTo(2);
        FaultProxy.Seen seen = proxy.bulkRequests().get(0);
        assertThat(seen.header("X-Probe")).isEqualTo("seen");
        assertThat(seen.items()).extracting(FaultProxy.BulkItem::id).containsExactly("g1", "g2");
    }
}
