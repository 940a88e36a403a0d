package io.tablesync.bench.elasticsearch;

import io.tablesync.bench.BenchMain;
import io.tablesync.bench.EsNodeProcess;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * What one bulk item of each kind costs the node, in its own CPU time (/proc of its process): {@code index} of new
 * documents, {@code index} over existing ones, {@code update} with a partial {@code doc} ({@code doc_as_upsert}, as the
 * writer sends a partial UPDATE), {@code delete}, and {@code index} with gzip-compressed bodies — the seed document's
 * shape ({@code name}, {@code phone}), 100 items per request, 4 requests in flight, ids drawn at random over
 * {@code docs / 5} keys as in the seed job's mix. Each kind runs {@code rounds} times, alternating; medians are printed.
 *
 * <p>Usage: {@code BulkItemCostBench [es=ES_7] [items=200000] [rounds=3]}
 */
public final class BulkItemCostBench {
    private static final String INDEX = "item_cost";

    private BulkItemCostBench() {
    }

    public static void main(String[] args) {
        BenchMain.run(args, BulkItemCostBench::run);
    }

    private record Kind(String name, boolean gzip, IntFunction<String> item) {
    }

    private static void run(String[] args) throws Exception {
        EsDistribution distribution = EsDistribution.valueOf(BenchMain.arg(args, 0, "ES_7"));
        int items = Integer.parseInt(BenchMain.arg(args, 1, "200000"));
        int rounds = Integer.parseInt(BenchMain.arg(args, 2, "3"));
        EsNode es = EsNodes.shared(distribution);
        EsNodeProcess node = EsNodeProcess.of(es);
        int keys = Math.max(1, items / 5);
        Random rnd = new Random(7);
        List<Kind> kinds = List.of(
                new Kind("index (new and existing ids)", false, i -> "{\"index\":{\"_id\":\"u" + rnd.nextInt(keys) + "\"}}\n" + doc(rnd)),
                new Kind("index, gzip-compressed body", true, i -> "{\"index\":{\"_id\":\"u" + rnd.nextInt(keys) + "\"}}\n" + doc(rnd)),
                new Kind("update: partial doc, doc_as_upsert", false, i -> "{\"update\":{\"_id\":\"u" + rnd.nextInt(keys)
                        + "\",\"retry_on_conflict\":3}}\n{\"doc\":{\"phone\":\"p" + rnd.nextInt(1_000_000) + "\"},\"doc_as_upsert\":true}\n"),
                new Kind("delete", false, i -> "{\"delete\":{\"_id\":\"u" + rnd.nextInt(keys) + "\"}}\n"),
                new Kind("update: script removing a field", false, i -> scriptedRemoval(rnd, keys)),
                new Kind("the seed mix as the writer sends it (gzip)", true, i -> seedMixItem(rnd, keys)));
        System.out.printf(Locale.ROOT, "%s; %d items of each kind over %d ids, 100 per request, 4 in flight, %d rounds%n", es, items,
                keys, rounds);
        List<List<double[]>> results = new ArrayList<>();
        kinds.forEach(k -> results.add(new ArrayList<>()));
        try (RestClient rest = RestClient.builder(HttpHost.create(es.url())).build()) {
            es.http().deleteIndex(INDEX);
            es.http().put("/" + INDEX, "{\"mappings\":{\"properties\":{\"name\":{\"type\":\"text\"},\"phone\":{\"type\":\"text\"}}}}")
                    .expectOk();
            // every id exists before the first measurement, so updates and deletes find documents (deletes are re-filled)
            send(rest, bodies(items, 100, kinds.get(0)), false, 4);
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < kinds.size(); k++) {
                    Kind kind = kinds.get(k);
                    List<byte[]> bodies = bodies(items, 100, kind);
                    double cpu0 = node.cpuSeconds();
                    long t0 = System.nanoTime();
                    send(rest, bodies, kind.gzip(), 4);
                    double secs = (System.nanoTime() - t0) / 1e9;
                    double cpu = node.cpuSeconds() - cpu0;
                    results.get(k).add(new double[] {items / secs, cpu * 1e6 / items});
                    System.out.printf(Locale.ROOT, "round %d %-36s %,8.0f items/s, node CPU %5.1f µs per item%n", r + 1, kind.name(),
                            items / secs, cpu * 1e6 / items);
                    if (!kind.name().startsWith("index") && !kind.name().startsWith("update: partial")) {
                        send(rest, bodies(items, 100, kinds.get(0)), false, 4); // the documents back for the next round
                    }
                }
            }
        }
        System.out.println("| item | items/s (median) | node CPU per item, µs (median) |");
        System.out.println("|---|---|---|");
        for (int k = 0; k < kinds.size(); k++) {
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f |%n", kinds.get(k).name(), median(results.get(k), 0), median(results.get(k), 1));
        }
    }

    /** A column delete as the writer sends it: a Painless script removes the field ({@code upsert} when the document is gone). */
    private static String scriptedRemoval(Random rnd, int keys) {
        return "{\"update\":{\"_id\":\"u" + rnd.nextInt(keys) + "\",\"retry_on_conflict\":3}}\n{\"script\":{\"lang\":\"painless\","
                + "\"source\":\"for (def f : params.remove) { ctx._source.remove(f); } ctx._source.putAll(params.set);\","
                + "\"params\":{\"remove\":[\"phone\"],\"set\":{}}},\"upsert\":{}}\n";
    }

    /** One item of the seed job's mix (58 % index, 21 % partial update, 7 % column delete, 14 % delete). */
    private static String seedMixItem(Random rnd, int keys) {
        int kind = rnd.nextInt(100);
        if (kind < 58) {
            return "{\"index\":{\"_id\":\"u" + rnd.nextInt(keys) + "\"}}\n" + doc(rnd);
        } else if (kind < 79) {
            return "{\"update\":{\"_id\":\"u" + rnd.nextInt(keys) + "\",\"retry_on_conflict\":3}}\n{\"doc\":{\""
                    + (rnd.nextBoolean() ? "name" : "phone") + "\":\"upd-" + rnd.nextInt(1_000_000) + "\"},\"doc_as_upsert\":true}\n";
        } else if (kind < 86) {
            return scriptedRemoval(rnd, keys);
        }
        return "{\"delete\":{\"_id\":\"u" + rnd.nextInt(keys) + "\"}}\n";
    }

    private static String doc(Random rnd) {
        int v = rnd.nextInt(1_000_000);
        return "{\"name\":\"name-" + v + "\",\"phone\":\"phone-" + v + "\"}\n";
    }

    /** The request bodies of {@code items} items of a kind, gzip-compressed when the kind says so. */
    private static List<byte[]> bodies(int items, int batch, Kind kind) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (int from = 0; from < items; from += batch) {
            StringBuilder sb = new StringBuilder();
            for (int i = from; i < Math.min(items, from + batch); i++) {
                sb.append(kind.item().apply(i));
            }
            byte[] raw = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (kind.gzip()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
                    z.write(raw);
                }
                raw = bytes.toByteArray();
            }
            out.add(raw);
        }
        return out;
    }

    private static void send(RestClient rest, List<byte[]> list, boolean gzip, int inFlight) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        List<Future<?>> all = new ArrayList<>();
        for (int k = 0; k < inFlight; k++) {
            all.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < list.size(); i = next.getAndIncrement()) {
                    Request req = new Request("POST", "/" + INDEX + "/_bulk");
                    NByteArrayEntity entity = new NByteArrayEntity(list.get(i), ContentType.create("application/x-ndjson"));
                    if (gzip) {
                        entity.setContentEncoding("gzip");
                    }
                    req.setEntity(entity);
                    rest.performRequest(req);
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
    }

    private static double median(List<double[]> rows, int col) {
        double[] v = rows.stream().mapToDouble(x -> x[col]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
