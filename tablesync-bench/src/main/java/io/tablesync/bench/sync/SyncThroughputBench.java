package io.tablesync.bench.sync;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import io.tablesync.bench.BenchMain;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Sustained throughput of {@code tablesync sync} on a PUT-only stream next to a raw bulk loader that
 * sends the same documents to the same node with the same batch size and one request in flight —
 * the most any writer with the seed's settings can do there. tablestore-local holds {@code rows}
 * puts (distinct keys) written before; each sync round is a real {@code bin/tablesync sync} process
 * (256 MB heap) with a fresh status table and index and an end time after the last put, so it reads
 * the whole stream and exits. Its sustained rate is measured between 30 % and 90 % of the rows indexed
 * (polling the index's indexing count), past the fresh JVM's warm-up; the whole-run rate is printed too.
 * A raw load warms the node first (not counted); then each round runs both, sync first in odd rounds and raw
 * first in even ones; medians are reported.
 *
 * <p>Usage: {@code SyncThroughputBench DIST_DIR [es=ES_8] [rows=200000] [batchSize=100] [rounds=3]}.
 */
public final class SyncThroughputBench {
    private SyncThroughputBench() {
    }

    public static void main(String[] args) {
        BenchMain.run(args, SyncThroughputBench::run);
    }

    private static void run(String[] args) throws Exception {
        Path dist = Path.of(BenchMain.arg(args, 0, "tablesync-dist/target/tablesync"));
        EsDistribution distribution = EsDistribution.valueOf(BenchMain.arg(args, 1, "ES_8"));
        int rows = Integer.parseInt(BenchMain.arg(args, 2, "200000"));
        int batch = Integer.parseInt(BenchMain.arg(args, 3, "100"));
        int rounds = Integer.parseInt(BenchMain.arg(args, 4, "3"));
        EsNode es = EsNodes.shared(distribution);
        Path work = Files.createTempDirectory("sync-throughput");
        try (TablestoreLocal ots = TablestoreLocal.start(b -> b.shards(4))) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            long loadStart = System.nanoTime();
            List<String[]> docs = preload(client, rows);
            System.out.printf(Locale.ROOT, "%s; %d puts preloaded into tablestore-local (4 shards) in %.1f s; batch size %d%n",
                    es, rows, (System.nanoTime() - loadStart) / 1e9, batch);
            Thread.sleep(5);
            long end = System.currentTimeMillis();
            double[] sync = new double[rounds];
            double[] raw = new double[rounds];
            try (RestClient rest = RestClient.builder(HttpHost.create(es.url())).build()) {
                // a fresh node speeds up over its first minutes (JIT, merges): one raw load first, not counted, and
                // the order alternates (sync first in odd rounds, raw first in even ones), so neither side always
                // meets the colder node
                System.out.printf(Locale.ROOT, "warm-up (not counted): raw bulk %.0f docs/s%n", rawRound(rest, es, docs, batch));
                for (int r = 0; r < rounds; r++) {
                    if (r % 2 == 0) {
                        sync[r] = syncRound(dist, ots, es, work, batch, end, r, rows);
                        raw[r] = rawRound(rest, es, docs, batch);
                    } else {
                        raw[r] = rawRound(rest, es, docs, batch);
                        sync[r] = syncRound(dist, ots, es, work, batch, end, r, rows);
                    }
                    System.out.printf(Locale.ROOT, "round %d (%s first): sync %.0f docs/s, raw bulk %.0f docs/s: %.0f %%%n", r + 1,
                            r % 2 == 0 ? "sync" : "raw", sync[r], raw[r], 100 * sync[r] / raw[r]);
                }
            }
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = sync[r] / raw[r];
            }
            // the ratio is taken within each round (side by side on the node as it was then), then the median of those
            System.out.printf(Locale.ROOT, "median of %d rounds: sync / raw = %.0f %% (sync %.0f docs/s, raw bulk %.0f docs/s)%n",
                    rounds, 100 * median(ratio), median(sync), median(raw));
            client.shutdown();
        }
    }

    static List<String[]> preload(SyncClient client, int rows) {
        List<String[]> docs = new ArrayList<>(rows);
        for (int from = 0; from < rows; from += 200) {
            BatchWriteRowRequest req = new BatchWriteRowRequest();
            for (int i = from; i < Math.min(rows, from + 200); i++) {
                String[] d = {"u" + i, "name-" + i, "phone-" + (i * 7L)};
                RowPutChange put = new RowPutChange(SeedDemo.TABLE, SeedDemo.pk(d[0]));
                put.addColumn("name", ColumnValue.fromString(d[1]));
                put.addColumn("phone", ColumnValue.fromString(d[2]));
                req.addRowChange(put);
                docs.add(d);
            }
            if (!client.batchWriteRow(req).isAllSucceed()) {
                throw new IllegalStateException("preload failed");
            }
        }
        return docs;
    }

    private static double syncRound(Path dist, TablestoreLocal ots, EsNode es, Path work, int batch, long end, int round,
                                    int rows) throws Exception {
        String index = SeedDemo.INDEX;
        es.http().deleteIndex(index);
        String job = SeedDemo.seedJob(ots, es)
                .replace("\"TableStoreStreamReaderStatusTable\"", "\"bench_status_" + round + "\"")
                .replace("\"${end_time}\"", String.valueOf(end))
                .replace("\"batchSize\": 100", "\"batchSize\": " + batch);
        Path file = work.resolve("job-" + round + ".json");
        Files.writeString(file, job);
        Path log = work.resolve("sync-" + round + ".log");
        // the end lies in the past: no clock-skew margin to wait for before an idle shard counts as done
        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/tablesync").toString(), "sync", file.toString(),
                "-DAFTER_OFFSET_TIME_MILLIS=0");
        pb.environment().put("TABLESYNC_JVM_OPTS", System.getProperty("sync.jvmOpts", "-Xms256m -Xmx256m"));
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long active = -1;
        long[] steadyFrom = null; // {nanos, count} at the first sample past 30 % of the rows
        long[] steadyTo = null;   // the first sample past 90 %
        while (p.isAlive()) {
            if (active < 0 && Files.readString(log, StandardCharsets.UTF_8).contains("is the active writer")) {
                active = System.nanoTime();
            }
            if (active >= 0 && steadyTo == null) {
                long count = indexed(es, index);
                long now = System.nanoTime();
                if (steadyFrom == null && count >= rows * 3L / 10) {
                    steadyFrom = new long[] {now, count};
                } else if (steadyFrom != null && count >= rows * 9L / 10) {
                    steadyTo = new long[] {now, count};
                }
            }
            Thread.sleep(active < 0 ? 20 : 100);
        }
        long done = System.nanoTime();
        if (p.exitValue() != 0 || active < 0) {
            throw new IllegalStateException("sync round failed (exit " + p.exitValue() + "): " + log);
        }
        long count = es.http().count(index);
        if (count != rows) {
            throw new IllegalStateException("sync wrote " + count + " of " + rows + " documents: " + log);
        }
        long requests = es.http().get("/" + index + "/_stats/bulk").expectOk().json().path("_all").path("primaries")
                .path("bulk").path("total_operations").asLong();
        double whole = rows / ((done - active) / 1e9);
        double steady = steadyFrom == null || steadyTo == null ? whole
                : (steadyTo[1] - steadyFrom[1]) / ((steadyTo[0] - steadyFrom[0]) / 1e9);
        System.out.printf(Locale.ROOT, "  sync round %d: %.0f docs/s from becoming the active writer to exit (a fresh JVM),"
                + " %.0f docs/s between 30 %% and 90 %% of the rows; %d bulk requests (%.1f documents each)%n", round + 1, whole,
                steady, requests, requests == 0 ? 0.0 : (double) rows / requests);
        return steady;
    }

    /** Documents indexed so far (realtime stats, no refresh: cheap enough to poll during a run). */
    static long indexed(EsNode es, String index) {
        return es.http().get("/" + index + "/_stats/indexing").expectOk().json().path("_all").path("primaries")
                .path("indexing").path("index_total").asLong();
    }

    private static double rawRound(RestClient rest, EsNode es, List<String[]> docs, int batch) throws Exception {
        es.http().deleteIndex(SeedDemo.INDEX);
        es.http().put("/" + SeedDemo.INDEX, "{\"mappings\":{\"properties\":{\"name\":{\"type\":\"text\"},"
                + "\"phone\":{\"type\":\"text\"}}}}").expectOk();
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < docs.size(); from += batch) {
            StringBuilder sb = new StringBuilder();
            for (String[] d : docs.subList(from, Math.min(docs.size(), from + batch))) {
                sb.append("{\"index\":{\"_id\":\"").append(d[0]).append("\"}}\n{\"name\":\"").append(d[1])
                        .append("\",\"phone\":\"").append(d[2]).append("\"}\n");
            }
            bodies.add(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        long start = System.nanoTime();
        for (byte[] body : bodies) {
            Request req = new Request("POST", "/" + SeedDemo.INDEX + "/_bulk");
            req.setEntity(new NByteArrayEntity(body, ContentType.create("application/x-ndjson")));
            rest.performRequest(req);
        }
        long took = System.nanoTime() - start;
        es.http().post("/" + SeedDemo.INDEX + "/_refresh", "");
        if (es.http().count(SeedDemo.INDEX) != docs.size()) {
            throw new IllegalStateException("raw bulk wrote " + es.http().count(SeedDemo.INDEX) + " documents");
        }
        return docs.size() / (took / 1e9);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

}
