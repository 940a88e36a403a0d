package io.tablesync.testkit.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A plain-HTTP proxy in front of a real node that injects failures, for retry tests (no mock ES: every
 * request that is not failed reaches the real server).
 *
 * <ul>
 *   <li>{@link #failRequests}: answer the next N matching requests with a status (429, 503, an HTML 502
 *       page ...) without forwarding them.</li>
 *   <li>{@link #failBulkItems}: in the next N bulk requests, take the items matching a predicate out
 *       of the request before forwarding it, then put failed items (status + error type) back into the
 *       server's response at their positions. So a "failed" item really was not applied, as with a real
 *       rejection.</li>
 * </ul>
 * Every request is recorded ({@link #requests()}) with its headers and bulk items, so tests can check
 * what was retried and that credentials were sent preemptively. Bodies are read decompressed; the
 * upstream response is never compressed (Accept-Encoding is not forwarded).
 */
public final class FaultProxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "accept-encoding", "content-encoding", "keep-alive", "te", "trailer", "proxy-connection");

    /** One bulk item as seen by the proxy: its action, id and position in the request. */
    public record BulkItem(String action, String index, String id, int position) {
    }

    /** One request as received from the client. */
    public record Seen(String method, String path, Map<String, String> headers, List<BulkItem> items, int status,
                       List<BulkItem> failedItems) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public boolean isBulk() {
            return path.contains("_bulk");
        }
    }

    private record RequestFault(Predicate<String> pathMatches, int status, String contentType, String body, int[] remaining) {
    }

    private record ItemFault(Predicate<BulkItem> matches, int status, String errorType, int[] remaining) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient upstream;
    private final String upstreamUrl;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<RequestFault> requestFaults = new CopyOnWriteArrayList<>();
    private final List<ItemFault> itemFaults = new CopyOnWriteArrayList<>();
    /** Ids of the bulk requests being handled now (a request leaves right before its answer is sent). */
    private final Map<String, Integer> idsInFlight = new java.util.HashMap<>();
    private volatile long bulkAnswerDelayMillis;
    private int bulksInFlight;
    private int maxBulksInFlight;
    private final List<String> overlappingIds = new CopyOnWriteArrayList<>();

    private FaultProxy(EsNode node) throws IOException {
        this.upstreamUrl = node.url();
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
        if (node.pki() != null) {
            b.sslContext(node.pki().sslContext());
        }
        this.upstream = b.build();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a proxy in front of {@code node} (plain HTTP on the client side, the node's scheme upstream). */
    public static FaultProxy start(EsNode node) {
        try {
            return new FaultProxy(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: give this to the client under test. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next {@code times} requests whose path contains {@code pathPart} with {@code status} and a JSON error. */
    public FaultProxy failRequests(String pathPart, int times, int status) {
        String body = "{\"error\":{\"type\":\"injected_failure\",\"reason\":\"injected by FaultProxy\"},\"status\":" + status + "}";
        return failRequests(pathPart, times, status, "application/json", body);
    }

    /** Like {@link #failRequests(String, int, int)} with any body, e.g. the HTML page of a proxy. */
    public FaultProxy failRequests(String pathPart, int times, int status, String contentType, String body) {
        requestFaults.add(new RequestFault(p -> p.contains(pathPart), status, contentType, body, new int[] {times}));
        return this;
    }

    /**
     * In the next {@code requests} bulk requests that contain a matching item, the matching items are not
     * forwarded and come back failed with {@code status} and an error of {@code errorType}.
     */
    public FaultProxy failBulkItems(int requests, int status, String errorType, Predicate<BulkItem> matches) {
        itemFaults.add(new ItemFault(matches, status, errorType, new int[] {requests}));
        return this;
    }

    /** Holds every bulk answer back for {@code delay} (0 for none): requests stay in flight that long. */
    public FaultProxy delayBulkAnswers(Duration delay) {
        bulkAnswerDelayMillis = delay.toMillis();
        return this;
    }

    /** All requests received so far, oldest first. */
    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    /** The bulk requests received so far. */
    public List<Seen> bulkRequests() {
        return seen.stream().filter(Seen::isBulk).toList();
    }

    /** The most bulk requests this proxy handled at the same time. */
    public synchronized int maxConcurrentBulks() {
        return maxBulksInFlight;
    }

    /**
     * Document ids that were in two bulk requests handled at the same time: a client that keeps the writes
     * of one id in order never has two requests with one id in flight.
     */
    public List<String> idsInConcurrentBulks() {
        return List.copyOf(overlappingIds);
    }

    public void clear() {
        seen.clear();
        requestFaults.clear();
        itemFaults.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        BulkInFlight slot = null;
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().toString();
            Map<String, String> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            byte[] body = ex.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(headers.get("content-encoding"))) {
                body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
            }
            boolean bulk = path.contains("_bulk");
            List<String> lines = bulk ? ndjsonLines(body) : List.of();
            List<BulkItem> items = bulk ? bulkItems(lines, path) : List.of();
            slot = bulk ? bulkStarted(items) : null;

            RequestFault rf = takeRequestFault(path);
            if (rf != null) {
                seen.add(new Seen(method, path, headers, items, rf.status(), items));
                bulkEnded(slot);
                respond(ex, rf.status(), rf.contentType(), rf.body().getBytes(StandardCharsets.UTF_8));
                return;
            }

            // decide which bulk items fail
            List<ItemFault> failedBy = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                failedBy.add(null);
            }
            for (ItemFault f : itemFaults) {
                synchronized (f) {
                    if (f.remaining()[0] <= 0) {
                        continue;
                    }
                    boolean hit = false;
                    for (BulkItem it : items) {
                        if (failedBy.get(it.position()) == null && f.matches().test(it)) {
                            failedBy.set(it.position(), f);
                            hit = true;
                        }
                    }
                    if (hit) {
                        f.remaining()[0]--;
                    }
                }
            }
            List<BulkItem> failed = new ArrayList<>();
            byte[] forwardBody = body;
            if (failedBy.stream().anyMatch(x -> x != null)) {
                StringBuilder kept = new StringBuilder();
                int line = 0;
                for (BulkItem it : items) {
                    int n = "delete".equals(it.action()) ? 1 : 2;
                    if (failedBy.get(it.position()) == null) {
                        for (int k = 0; k < n; k++) {
                            kept.append(lines.get(line + k)).append('\n');
                        }
                    } else {
                        failed.add(it);
                    }
                    line += n;
                }
                forwardBody = kept.toString().getBytes(StandardCharsets.UTF_8);
            }

            int status;
            String contentType;
            byte[] responseBody;
            if (!failed.isEmpty() && failed.size() == items.size()) {
                status = 200;
                contentType = "application/json";
                responseBody = mergeItems(null, items, failedBy);
            } else {
                HttpResponse<byte[]> r = forward(method, path, ex, forwardBody);
                status = r.statusCode();
                contentType = r.headers().firstValue("content-type").orElse("application/json");
                responseBody = r.body();
                // product headers (X-elastic-product ...) matter to clients' version checks
                r.headers().map().forEach((k, v) -> {
                    if (!HOP_HEADERS.contains(k.toLowerCase(Locale.ROOT)) && !k.equalsIgnoreCase("content-type") && !k.startsWith(":")) {
                        ex.getResponseHeaders().put(k, v);
                    }
                });
                if (!failed.isEmpty() && status == 200) {
                    responseBody = mergeItems(JSON.readTree(responseBody), items, failedBy);
                }
            }
            if (bulk && bulkAnswerDelayMillis > 0) {
                Thread.sleep(bulkAnswerDelayMillis); // a busy or distant node: the request stays in flight this long
            }
            seen.add(new Seen(method, path, headers, items, status, failed));
            bulkEnded(slot);
            respond(ex, status, contentType, "HEAD".equals(method) ? null : responseBody);
        } catch (Exception e) {
            // a broken proxy must be visible in the test, not look like a server error
            e.printStackTrace();
            throw e instanceof IOException io ? io : new IOException(e);
        } finally {
            bulkEnded(slot); // when no answer was sent
        }
    }

    /** A bulk request being handled; it ends (once) right before its answer is sent. */
    private static final class BulkInFlight {
        final List<BulkItem> items;
        boolean ended;

        BulkInFlight(List<BulkItem> items) {
            this.items = items;
        }
    }

    private synchronized BulkInFlight bulkStarted(List<BulkItem> items) {
        bulksInFlight++;
        maxBulksInFlight = Math.max(maxBulksInFlight, bulksInFlight);
        for (BulkItem it : items) {
            if (it.id() != null && idsInFlight.merge(it.id(), 1, Integer::sum) > 1) {
                overlappingIds.add(it.id());
            }
        }
        return new BulkInFlight(items);
    }

    /** Called right before the answer goes out: the client may send the next request on these ids as soon as it has it. */
    private synchronized void bulkEnded(BulkInFlight slot) {
        if (slot == null || slot.ended) {
            return;
        }
        slot.ended = true;
        bulksInFlight--;
        for (BulkItem it : slot.items) {
            if (it.id() != null) {
                idsInFlight.merge(it.id(), -1, (a, b) -> a + b == 0 ? null : a + b);
            }
        }
    }

    private RequestFault takeRequestFault(String path) {
        for (RequestFault f : requestFaults) {
            synchronized (f) {
                if (f.remaining()[0] > 0 && f.pathMatches().test(path)) {
                    f.remaining()[0]--;
                    return f;
                }
            }
        }
        return null;
    }

    private HttpResponse<byte[]> forward(String method, String path, HttpExchange ex, byte[] body) throws IOException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(upstreamUrl + path)).timeout(Duration.ofSeconds(120));
        ex.getRequestHeaders().forEach((k, values) -> {
            if (!HOP_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> rb.header(k, v));
            }
        });
        rb.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return upstream.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Puts the injected failures into the upstream's item list (or builds one when nothing was forwarded). */
    private static byte[] mergeItems(JsonNode upstreamResponse, List<BulkItem> items, List<ItemFault> failedBy) throws IOException {
        ObjectNode out = JSON.createObjectNode();
        out.put("took", upstreamResponse == null ? 0 : upstreamResponse.path("took").asLong());
        out.put("errors", true);
        ArrayNode merged = out.putArray("items");
        var real = upstreamResponse == null ? null : upstreamResponse.path("items").elements();
        for (BulkItem it : items) {
            ItemFault f = failedBy.get(it.position());
            if (f == null) {
                merged.add(real.next());
            } else {
                ObjectNode inner = JSON.createObjectNode();
                inner.put("_index", it.index());
                if (it.id() != null) {
                    inner.put("_id", it.id());
                }
                inner.put("status", f.status());
                ObjectNode error = inner.putObject("error");
                error.put("type", f.errorType());
                error.put("reason", "injected by FaultProxy");
                merged.add(JSON.createObjectNode().set(it.action(), inner));
            }
        }
        return JSON.writeValueAsBytes(out);
    }

    private static List<String> ndjsonLines(byte[] body) {
        List<String> lines = new ArrayList<>();
        for (String l : new String(body, StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                lines.add(l);
            }
        }
        return lines;
    }

    private static List<BulkItem> bulkItems(List<String> lines, String path) throws IOException {
        String pathIndex = path.startsWith("/_bulk") ? null : path.substring(1, path.indexOf('/', 1));
        List<BulkItem> items = new ArrayList<>();
        for (int i = 0; i < lines.size(); ) {
            JsonNode action = JSON.readTree(lines.get(i));
            String name = action.fieldNames().next();
            JsonNode meta = action.path(name);
            String index = meta.hasNonNull("_index") ? meta.get("_index").asText() : pathIndex;
            String id = meta.hasNonNull("_id") ? meta.get("_id").asText() : null;
            items.add(new BulkItem(name, index, id, items.size()));
            i += "delete".equals(name) ? 1 : 2;
        }
        return items;
    }

    private static void respond(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        if (body == null || body.length == 0) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }
}
