package io.tablesync.bench.sync;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.BatchWriteRowResponse;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import io.tablesync.testkit.demo.SearchLatency;
import io.tablesync.bench.BenchMain;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code tablesync sync} under a steady write load, as a user runs it: a real {@code bin/tablesync
 * sync} process (256 MB heap) on the seed's job file, tablestore-local in this JVM, one Elasticsearch
 * node. For each rate, rows are written with BatchWriteRow every 10 ms for the given time; one row
 * in {@code sample} is timed until a {@code _search} finds it (a refresh made it searchable; the index's
 * {@code refresh_interval} is 1 s), then, for as long again, until a realtime {@code _mget} sees it (the
 * bulk carrying it was accepted). The first {@code warmup} seconds are not counted. Then the
 * process is killed (SIGKILL) under the first rate and restarted: the time from the restart until the
 * oldest unacknowledged sampled write is less than 2 s old again.
 *
 * <p>Usage: {@code SyncBench DIST_DIR [es=ES_8] [rates=1000,5000] [seconds=60] [warmup=15] [sample=10]}.
 */
public final class SyncBench {
    private SyncBench() {
    }

    public static void main(String[] args) {
        BenchMain.run(args, SyncBench::run);
    }

    private static void run(String[] args) throws Exception {
        Path dist = Path.of(BenchMain.arg(args, 0, "tablesync-dist/target/tablesync"));
        EsDistribution distribution = EsDistribution.valueOf(BenchMain.arg(args, 1, "ES_8"));
        List<Integer> rates = new ArrayList<>();
        for (String r : BenchMain.arg(args, 2, "1000,5000").split(",")) {
            rates.add(Integer.parseInt(r.trim()));
        }
        int seconds = Integer.parseInt(BenchMain.arg(args, 3, "60"));
        int warmup = Integer.parseInt(BenchMain.arg(args, 4, "15"));
        int sample = Integer.parseInt(BenchMain.arg(args, 5, "10"));

        EsNode es = EsNodes.shared(distribution);
        Path work = Files.createTempDirectory("sync-bench");
        try (TablestoreLocal ots = TablestoreLocal.start(b -> b.shards(4))) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            es.http().deleteIndex(SeedDemo.INDEX);
            Path job = work.resolve("job.json");
            // the seed's job file; only the index's refresh interval is pinned (1 s is also the default)
            Files.writeString(job, SeedDemo.seedJob(ots, es).replace("\"cleanup\": false,",
                    "\"cleanup\": false, \"settings\": {\"index\": {\"refresh_interval\": \"1s\"}},"));
            System.out.printf(Locale.ROOT, "%s, tablestore-local (4 shards) in the bench JVM, sync: %s, heap 256 MB%n",
                    es, dist.resolve("bin/tablesync"));
            SyncProcess sync = SyncProcess.start(dist, job, work.resolve("sync-1.log"));
            Load load = new Load(client);
            for (int rate : rates) {
                measure(rate, seconds, warmup, sample, load, es, sync);
            }
            recovery(rates.get(0), sample, load, es, sync, dist, job, work);
            client.shutdown();
        }
    }

    /**
     * The two latencies are measured one after the other, each over {@code seconds}: the acknowledged probe reads
     * with realtime GETs, which make Elasticsearch refresh its internal reader for every batch of recent ids — work
     * that would slow down the very refreshes the searchable probe waits for.
     */
    private static void measure(int rate, int seconds, int warmup, int sample, Load load, EsNode es, SyncProcess sync)
            throws Exception {
        long rss = sync.rssKb();
        SearchLatency.Stats s;
        double achieved;
        try (SearchLatency searchable = new SearchLatency(es.http(), SeedDemo.INDEX, SearchLatency.Visibility.SEARCHABLE)) {
            load.run(rate, warmup, sample, searchable, null);
            searchable.await(10_000);
            searchable.reset();
            long start = System.nanoTime();
            long written = load.run(rate, seconds, sample, searchable, null);
            achieved = written / ((System.nanoTime() - start) / 1e9);
            s = searchable.await(30_000);
        }
        SearchLatency.Stats i;
        try (SearchLatency indexed = new SearchLatency(es.http(), SeedDemo.INDEX, SearchLatency.Visibility.INDEXED)) {
            load.run(rate, 5, sample, null, indexed);
            indexed.await(10_000);
            indexed.reset();
            load.run(rate, seconds, sample, null, indexed);
            i = indexed.await(30_000);
        }
        System.out.printf(Locale.ROOT, "rate %d rows/s (achieved %.0f) for %d s after %d s warm-up, 1 row in %d timed:%n",
                rate, achieved, seconds, warmup, sample);
        System.out.println("  write -> searchable:   " + s);
        System.out.println("  write -> acknowledged: " + i + " (the next " + seconds + " s)");
        System.out.printf(Locale.ROOT, "  sync process RSS %d MB now (%d MB before this rate), peak %d MB%n",
                sync.rssKb() / 1024, rss / 1024, sync.peakRssKb() / 1024);
    }

    private static void recovery(int rate, int sample, Load load, EsNode es, SyncProcess sync, Path dist, Path job, Path work)
            throws Exception {
        try (SearchLatency indexed = new SearchLatency(es.http(), SeedDemo.INDEX, SearchLatency.Visibility.INDEXED)) {
            Thread loadThread = new Thread(() -> {
                try {
                    load.run(rate, 60, sample, null, indexed);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            loadThread.start();
            Thread.sleep(15_000);
            sync.kill9();
            long downFor = 2_000;
            Thread.sleep(downFor);
            long restart = System.nanoTime();
            SyncProcess again = SyncProcess.start(dist, job, work.resolve("sync-2.log"));
            long recovered = -1;
            while (System.nanoTime() - restart < TimeUnit.SECONDS.toNanos(40)) {
                Thread.sleep(50);
                if (System.nanoTime() - restart > TimeUnit.SECONDS.toNanos(1) && indexed.oldestPendingMillis() < 2000) {
                    recovered = (System.nanoTime() - restart) / 1_000_000;
                    break;
                }
            }
            loadThread.join();
            System.out.printf(Locale.ROOT, "recovery at %d rows/s: SIGKILL, restart %d ms later; from the restart (JVM start"
                    + " included) until the lag is under 2 s: %s%n", rate, downFor,
                    recovered < 0 ? "not within 40 s" : recovered + " ms");
            again.terminate();
        }
    }

    /** Writes puts at a steady rate with BatchWriteRow every 10 ms; reports sampled rows to the probes. */
    static final class Load {
        private final SyncClient client;
        private long seq;

        Load(SyncClient client) {
            this.client = client;
        }

        long run(int rate, int seconds, int sample, SearchLatency searchable, SearchLatency indexed) throws Exception {
            long tickNanos = 10_000_000;
            long ticks = seconds * 100L;
            double perTick = rate / 100.0;
            double carry = 0;
            long written = 0;
            long next = System.nanoTime();
            for (long t = 0; t < ticks; t++) {
                carry += perTick;
                int n = (int) carry;
                carry -= n;
                for (int from = 0; from < n; from += 200) {
                    written += batch(Math.min(200, n - from), sample, searchable, indexed);
                }
                next += tickNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
            return written;
        }

        private int batch(int n, int sample, SearchLatency searchable, SearchLatency indexed) {
            BatchWriteRowRequest req = new BatchWriteRowRequest();
            List<String[]> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long s = seq++;
                String uid = "b" + (s % 200_000);
                String name = "n" + s;
                RowPutChange put = new RowPutChange(SeedDemo.TABLE, SeedDemo.pk(uid));
                put.addColumn("name", ColumnValue.fromString(name));
                put.addColumn("phone", ColumnValue.fromString(Long.toString(s * 7)));
                req.addRowChange(put);
                rows.add(new String[] {uid, name, s % sample == 0 ? "t" : null});
            }
            BatchWriteRowResponse r = client.batchWriteRow(req);
            if (!r.isAllSucceed()) {
                throw new IllegalStateException("BatchWriteRow failed: " + r.getFailedRows().size() + " rows");
            }
            long now = System.nanoTime();
            for (String[] row : rows) {
                if (row[2] != null) {
                    if (searchable != null) {
                        searchable.written(row[0], "name", row[1], now);
                    }
                    if (indexed != null) {
                        indexed.written(row[0], "name", row[1], now);
                    }
                }
            }
            return n;
        }
    }

    /** A {@code bin/tablesync sync} process of the distribution. */
    static final class SyncProcess {
        private final Process process;

        private SyncProcess(Process process) {
            this.process = process;
        }

        static SyncProcess start(Path dist, Path job, Path log) throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/tablesync").toString(), "sync", job.toString(),
                    "--status-interval", "10s");
            pb.environment().put("TABLESYNC_JVM_OPTS", System.getProperty("sync.jvmOpts", "-Xms256m -Xmx256m"));
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            SyncProcess p = new SyncProcess(pb.start());
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.readString(log, StandardCharsets.UTF_8).contains("is the active writer")) {
                if (!p.process.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("sync did not start: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
            return p;
        }

        long rssKb() throws IOException {
            return status("VmRSS:");
        }

        long peakRssKb() throws IOException {
            return status("VmHWM:");
        }

        private long status(String key) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        }

        void kill9() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        void terminate() throws InterruptedException {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
