package io.tablesync.bench.elasticsearch;

import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.JobOutcome;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * Raw bulk loader vs {@code streamreader → elasticsearchwriter}, side by side on one node with the
 * same documents, batch size and concurrency.
 *
 * <ul>
 *   <li>Documents: a random 15-digit id plus the constant fields below (streamreader constants), so
 *       both sides send byte-identical sources; only the ids differ (random on both sides; each
 *       streamreader task would otherwise repeat the same {@code incr} ids).</li>
 *   <li>Raw: every bulk body is built before the clock starts; {@code channels} threads POST them with
 *       the same low-level REST client the writer uses, one request in flight per thread.</li>
 *   <li>Writer: the whole DataX job through the engine ({@code channels} channels, so as many reader
 *       and writer tasks), including job prepare (index creation, mapping). The raw run also creates
 *       its index inside the timed region.</li>
 * </ul>
 * Usage: {@code WriterVsRawBulkBench [dist=ES_8] [docs=400000] [channels=2] [batch=1000] [rounds=2]}.
 */
public final class WriterVsRawBulkBench {
    private static final String TEXT = "Tablestore rows flow into Elasticsearch through tablesync without losing a change or reordering one";

    private WriterVsRawBulkBench() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1); // the node is stopped by the testkit's shutdown hook
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        EsDistribution dist = EsDistribution.valueOf(arg(args, 0, "ES_8"));
        int docs = Integer.parseInt(arg(args, 1, "400000"));
        int channels = Integer.parseInt(arg(args, 2, "2"));
        int batch = Integer.parseInt(arg(args, 3, "1000"));
        int rounds = Integer.parseInt(arg(args, 4, "2"));
        EsNode node = EsNodes.shared(dist);
        System.out.printf("node: %s (%s), heap %s; bench JVM max heap %d MiB; %d cores%n", node.serverVersion(), node.url(),
                System.getProperty("tablesync.es.heap", "256m"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        int docBytes = source().getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("docs %d, source %d bytes, batch %d, concurrency %d, compression off on both%n", docs, docBytes, batch, channels);

        // warm-up (JIT, ES caches), not reported
        raw(node, "bench-warm-raw", Math.min(docs, 50_000), channels, batch);
        writer(node, "bench-warm-writer", Math.min(docs, 50_000), channels, batch);

        List<double[]> results = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double rawRate = raw(node, "bench-raw", docs, channels, batch);
            double writerRate = writer(node, "bench-writer", docs, channels, batch);
            results.add(new double[] {rawRate, writerRate});
            System.out.printf("round %d: raw %.0f docs/s, writer %.0f docs/s, ratio %.1f %%%n", r + 1, rawRate, writerRate,
                    100 * writerRate / rawRate);
        }
        double rawBest = results.stream().mapToDouble(x -> x[0]).max().orElse(0);
        double writerBest = results.stream().mapToDouble(x -> x[1]).max().orElse(0);
        System.out.printf("RESULT %s docs=%d bytes=%d batch=%d concurrency=%d raw=%.0f writer=%.0f ratio=%.1f%%%n", node.serverVersion(),
                docs, docBytes, batch, channels, rawBest, writerBest, 100 * writerBest / rawBest);
        EsNodes.stopAll();
    }

    private static String arg(String[] args, int i, String dflt) {
        return args.length > i ? args[i] : dflt;
    }

    /** The document source both sides send (field order as the writer writes it). */
    private static String source() {
        return "{\"title\":\"" + TEXT + "\",\"category\":\"sync\",\"status\":\"active\",\"region\":\"cn-hangzhou\",\"count\":42,"
                + "\"amount\":1234.5,\"flag\":true,\"owner\":\"tablesync\",\"version\":7}";
    }

    private static final String SETTINGS = "{\"index\":{\"number_of_shards\":1,\"number_of_replicas\":0}}";
    private static final String MAPPING = "{\"properties\":{\"title\":{\"type\":\"text\"},\"category\":{\"type\":\"keyword\"},"
            + "\"status\":{\"type\":\"keyword\"},\"region\":{\"type\":\"keyword\"},\"count\":{\"type\":\"long\"},"
            + "\"amount\":{\"type\":\"double\"},\"flag\":{\"type\":\"boolean\"},\"owner\":{\"type\":\"keyword\"},\"version\":{\"type\":\"long\"}}}";

    private static double raw(EsNode node, String index, int docs, int threads, int batch) throws Exception {
        node.http().deleteIndex(index);
        String source = source();
        SplittableRandom random = new SplittableRandom(42);
        List<List<byte[]>> perThread = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            perThread.add(new ArrayList<>());
        }
        int perThreadDocs = docs / threads;
        for (int t = 0; t < threads; t++) {
            for (int from = 0; from < perThreadDocs; from += batch) {
                StringBuilder sb = new StringBuilder();
                for (int i = from; i < Math.min(perThreadDocs, from + batch); i++) {
                    sb.append("{\"index\":{\"_id\":\"").append(random.nextLong(100_000_000_000_000L, 1_000_000_000_000_000L))
                            .append("\"}}\n").append(source).append('\n');
                }
                perThread.get(t).add(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        String path = node.majorVersion() >= 7 || node.isOpenSearch() ? "/" + index + "/_bulk" : "/" + index + "/doc_type/_bulk";
        try (RestClient client = RestClient.builder(new HttpHost(node.host(), node.port(), "http")).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            String mapping = node.majorVersion() >= 7 || node.isOpenSearch() ? MAPPING : "{\"doc_type\":" + MAPPING + "}";
            node.http().put("/" + index, "{\"settings\":" + SETTINGS + ",\"mappings\":" + mapping + "}").expectOk();
            List<Future<?>> fs = new ArrayList<>();
            for (List<byte[]> bodies : perThread) {
                fs.add(pool.submit(() -> {
                    for (byte[] body : bodies) {
                        Request req = new Request("POST", path);
                        req.setEntity(new NByteArrayEntity(body, ContentType.create("application/x-ndjson")));
                        Response resp = client.performRequest(req);
                        // a raw loader must at least look at the outcome
                        String text = new String(resp.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
                        if (!text.contains("\"errors\":false")) {
                            throw new IllegalStateException("bulk errors: " + text.substring(0, Math.min(500, text.length())));
                        }
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> f : fs) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            double secs = (System.nanoTime() - start) / 1e9;
            check(node, index, perThreadDocs * threads);
            return perThreadDocs * threads / secs;
        }
    }

    private static double writer(EsNode node, String index, int docs, int channels, int batch) throws Exception {
        node.http().deleteIndex(index);
        String job = """
                {"job":{"setting":{"speed":{"channel":%d},"errorLimit":{"record":0}},
                  "content":[{
                    "reader":{"name":"streamreader","parameter":{"sliceRecordCount":%d,"column":[
                      {"type":"long","random":"100000000000000,999999999999999"},
                      {"type":"string","value":"%s"},{"type":"string","value":"sync"},{"type":"string","value":"active"},
                      {"type":"string","value":"cn-hangzhou"},{"type":"long","value":"42"},{"type":"double","value":"1234.5"},
                      {"type":"bool","value":"true"},{"type":"string","value":"tablesync"},{"type":"long","value":"7"}]}},
                    "writer":{"name":"elasticsearchwriter","parameter":{"endpoint":"%s","index":"%s","type":"doc_type",
                      "batchSize":%d,"compression":false,"settings":%s,"column":[
                      {"name":"pk","type":"id"},{"name":"title","type":"text"},{"name":"category","type":"keyword"},
                      {"name":"status","type":"keyword"},{"name":"region","type":"keyword"},{"name":"count","type":"long"},
                      {"name":"amount","type":"double"},{"name":"flag","type":"boolean"},{"name":"owner","type":"keyword"},
                      {"name":"version","type":"long"}]}}
                  }]}}""".formatted(channels, docs / channels, TEXT, node.url(), index, batch, SETTINGS);
        Path file = Files.createTempFile("bench-es-job", ".json");
        Files.writeString(file, job);
        long start = System.nanoTime();
        JobOutcome outcome = new Engine(new Engine.Options(file.toString(), Map.of(), null, 0), PluginRegistry.fromClassPath()).run();
        double secs = (System.nanoTime() - start) / 1e9;
        Files.delete(file);
        if (outcome.exitCode() != 0) {
            throw new IllegalStateException("writer job failed: " + outcome.error(), outcome.error());
        }
        check(node, index, (docs / channels) * channels);
        return (docs / channels) * channels / secs;
    }

    private static void check(EsNode node, String index, long expected) {
        long n = node.http().count(index);
        // random 15-digit ids: a collision among a few hundred thousand is possible but rare
        if (n < expected - 5) {
            throw new IllegalStateException(index + " holds " + n + " documents, expected " + expected);
        }
    }
}
