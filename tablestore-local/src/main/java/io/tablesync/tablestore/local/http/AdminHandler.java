package io.tablesync.tablestore.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tablesync.tablestore.local.engine.Database;
import io.tablesync.tablestore.local.engine.OtsException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test hooks outside the protocol namespace: {@code POST /_local/split-shard?table=T&shard=S} and
 * {@code POST /_local/merge-shards?table=T&shard=A&sibling=B}. They change shards the way the service does when
 * partitions split or merge, so consumers' parent-before-child logic can be tested. Answers are small JSON
 * objects; they need no signature because they are not part of the Tablestore API.
 */
final class AdminHandler implements HttpHandler {

    private final Database db;

    AdminHandler(Database db) {
        this.db = db;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        try {
            if (!"POST".equals(ex.getRequestMethod())) {
                throw OtsException.methodNotAllowed("Only POST is allowed.");
            }
            String json;
            if (path.equals("/_local/split-shard")) {
                List<String> children = db.splitShard(required(q, "table"), required(q, "shard"));
                json = "{\"children\":[\"" + children.get(0) + "\",\"" + children.get(1) + "\"]}";
            } else if (path.equals("/_local/merge-shards")) {
                String child = db.mergeShards(required(q, "table"), required(q, "shard"), required(q, "sibling"));
                json = "{\"child\":\"" + child + "\"}";
            } else {
                throw OtsException.objectNotExist("Unknown admin endpoint: " + path);
            }
            send(ex, 200, json);
        } catch (OtsException e) {
            send(ex, e.httpStatus(), "{\"code\":\"" + e.code() + "\",\"message\":\"" + e.getMessage().replace("\"", "'") + "\"}");
        }
    }

    private static String required(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            throw OtsException.parameterInvalid("Missing query parameter: " + name);
        }
        return v;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
        ex.close();
    }
}
