package io.tablesync.testkit.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tablesync.testkit.elasticsearch.EsHttp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Measures write→visible latency: the caller reports each write right after Tablestore accepted it
 * (id, field, value, time); a poller asks Elasticsearch every few milliseconds which of the outstanding ids
 * are visible with that value (all of them, oldest first, in requests of a few hundred ids). {@link Visibility#SEARCHABLE} asks with
 * {@code _search} — a write counts once a refresh made it visible to queries, as users see it;
 * {@link Visibility#INDEXED} asks with a realtime {@code _mget} — a write counts once Elasticsearch
 * accepted the bulk that carried it.
 */
public final class SearchLatency implements AutoCloseable {
    /** What "visible" means. */
    public enum Visibility { SEARCHABLE, INDEXED }

    private static final long POLL_MILLIS = 10;
    private static final int MAX_IDS_PER_QUERY = 500;

    private record Pending(String field, String value, long writtenNanos) {
    }

    /** Percentiles of the measured latencies, in milliseconds. */
    public record Stats(int count, int missing, double p50, double p95, double p99, double max) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms (%d writes%s)", p50, p95, p99,
                    max, count, missing > 0 ? ", " + missing + " never searchable" : "");
        }
    }

    private final EsHttp http;
    private final String index;
    private final Visibility visibility;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final List<Long> latenciesNanos = new ArrayList<>();
    private final Thread poller;
    private volatile boolean closed;

    public SearchLatency(EsHttp http, String index) {
        this(http, index, Visibility.SEARCHABLE);
    }

    public SearchLatency(EsHttp http, String index, Visibility visibility) {
        this.http = http;
        this.index = index;
        this.visibility = visibility;
        this.poller = new Thread(this::poll, "latency-poller-" + visibility.name().toLowerCase(Locale.ROOT));
        this.poller.setDaemon(true);
        this.poller.start();
    }

    /** A write of {@code value} into {@code field} of document {@code id} was accepted by the source at {@code writtenNanos}. */
    public void written(String id, String field, String value, long writtenNanos) {
        pending.put(id, new Pending(field, value, writtenNanos));
    }

    /** How long the oldest reported write has been waiting to become visible (0 when none waits). */
    public long oldestPendingMillis() {
        long now = System.nanoTime();
        return pending.values().stream().mapToLong(p -> (now - p.writtenNanos()) / 1_000_000).max().orElse(0);
    }

    /** Forgets the latencies measured so far (after a warm-up). */
    public void reset() {
        synchronized (latenciesNanos) {
            latenciesNanos.clear();
        }
    }

    /** Waits until every reported write is visible or {@code timeoutMillis} passed; then the statistics. */
    public Stats await(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
        long[] sorted;
        synchronized (latenciesNanos) {
            sorted = latenciesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        return new Stats(sorted.length, pending.size(), pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /**
     * Each round asks about every outstanding write, oldest first, in queries of up to {@value #MAX_IDS_PER_QUERY}
     * ids that fetch only the probed fields: no write waits behind others for its turn (a measurement artefact
     * that grows with the rate), and the probe costs the node as little as a probe can.
     */
    private void poll() {
        while (!closed) {
            try {
                Thread.sleep(POLL_MILLIS);
                List<Map.Entry<String, Pending>> oldestFirst = pending.entrySet().stream()
                        .sorted(Comparator.comparingLong(e -> e.getValue().writtenNanos()))
                        .collect(Collectors.toList());
                for (int from = 0; from < oldestFirst.size() && !closed; from += MAX_IDS_PER_QUERY) {
                    check(oldestFirst.subList(from, Math.min(oldestFirst.size(), from + MAX_IDS_PER_QUERY)));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the index may not exist yet: try again
            }
        }
    }

    private void check(List<Map.Entry<String, Pending>> entries) {
        String values = entries.stream().map(e -> json(e.getKey())).collect(Collectors.joining(","));
        String fields = entries.stream().map(e -> json(e.getValue().field())).distinct().collect(Collectors.joining(","));
        JsonNode hits = visibility == Visibility.SEARCHABLE
                ? http.post("/" + index + "/_search", "{\"size\":" + entries.size() + ",\"_source\":[" + fields
                        + "],\"query\":{\"ids\":{\"values\":[" + values + "]}}}").expectOk().json().path("hits").path("hits")
                : http.post("/" + index + "/_mget", "{\"docs\":[" + entries.stream()
                        .map(e -> "{\"_id\":" + json(e.getKey()) + ",\"_source\":[" + json(e.getValue().field()) + "]}")
                        .collect(Collectors.joining(",")) + "]}").expectOk().json().path("docs");
        long now = System.nanoTime();
        for (JsonNode hit : hits) {
            String id = hit.path("_id").asText();
            Pending p = pending.get(id);
            if (p != null && p.value().equals(hit.path("_source").path(p.field()).asText(null))) {
                pending.remove(id, p);
                synchronized (latenciesNanos) {
                    latenciesNanos.add(now - p.writtenNanos());
                }
            }
        }
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
    }
}
