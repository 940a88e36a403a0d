package io.tablesync.testkit.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;

/**
 * The testkit's own small HTTP client for a node (JDK {@code HttpClient}, so tests check the writer's
 * results through a different HTTP stack than the writer's). Sends credentials preemptively.
 */
public final class EsHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String authorization;
    private final HttpClient client;

    EsHttp(String baseUrl, String username, String password, SSLContext ssl) {
        this.baseUrl = baseUrl;
        this.authorization = username == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.client = b.build();
    }

    /** One response: status and body; {@link #json()} parses the body. */
    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        public boolean ok() {
            return status / 100 == 2;
        }

        public Response expectOk() {
            if (!ok()) {
                throw new IllegalStateException("HTTP " + status + ": " + body);
            }
            return this;
        }
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response put(String path, String json) {
        return send("PUT", path, json);
    }

    public Response post(String path, String json) {
        return send("POST", path, json);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response head(String path) {
        return send("HEAD", path, null);
    }

    /** Sends one request; bodies are JSON, or NDJSON for paths containing {@code _bulk}. */
    public Response send(String method, String path, String body) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            rb.header("Authorization", authorization);
        }
        if (body != null) {
            rb.header("Content-Type", path.contains("_bulk") ? "application/x-ndjson" : "application/json");
            rb.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---- conveniences used by many tests -------------------------------------------------------

    /** Deletes the index if it exists (404 is fine). */
    public void deleteIndex(String index) {
        Response r = delete("/" + index);
        if (!r.ok() && r.status() != 404) {
            throw new IllegalStateException("DELETE /" + index + " -> HTTP " + r.status() + ": " + r.body());
        }
    }

    public void refresh(String index) {
        post("/" + index + "/_refresh", null).expectOk();
    }

    /** {@code _source} of a document, or null when it does not exist. Works typed (6.x) and typeless; refreshes first. */
    public JsonNode source(String index, String id) {
        JsonNode hit = hit(index, id);
        return hit == null ? null : hit.path("_source");
    }

    /** The whole hit ({@code _id}, {@code _routing}, {@code _version}, {@code _source}) of a document, or null. */
    public JsonNode hit(String index, String id) {
        refresh(index);
        String query = JSON.createObjectNode().put("version", true)
                .set("query", JSON.createObjectNode().set("ids", JSON.createObjectNode().set("values", JSON.createArrayNode().add(id))))
                .toString();
        JsonNode hits = post("/" + index + "/_search", query).expectOk().json().path("hits").path("hits");
        return hits.size() == 0 ? null : hits.get(0);
    }

    public long count(String index) {
        refresh(index);
        return get("/" + index + "/_count").expectOk().json().path("count").asLong();
    }
}
