package io.tablesync.bench.sync;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.ListStreamRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import io.tablesync.bench.BenchMain;
import io.tablesync.testkit.demo.SearchLatency;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code --metrics-port} costs {@code tablesync sync} at a steady write rate: rounds alternate a real
 * {@code bin/tablesync sync} process (256 MB heap) without the port and one with it, scraped every second
 * ({@code /metrics}) with the status page's data fetched every 2 s ({@code /status.json}) — a harder
 * client than Prometheus's usual 15 s. Each round warms its JVM up under the load, then measures over the
 * same window: the rows the process wrote (the growth of its checkpoints' record counts in the status
 * table, so nothing is read from the process itself) per second, its CPU time per 1,000 of those rows
 * (user + system from /proc: the work the process does per row, which is what limits its throughput on
 * a busy shared machine), and the write → acknowledged latency of 1 row in {@code sample}. A round ends
 * once every sampled row was acknowledged, so no round inherits a backlog; a first, unmeasured round
 * creates the index and warms Elasticsearch up. With the port, the CPU of the threads that serve it is also
 * read per thread from /proc, which a busy machine's noise does not blur. Medians per mode;
 * the load (tablestore-local in this JVM, BatchWriteRow every 10 ms) is {@link SyncBench}'s.
 *
 * <p>Then, in one process with the port (so JIT state, index and batching are the same on both sides), the
 * load goes on while a scraper is switched on and off for alternate windows of {@code windowSeconds}:
 * CPU per 1,000 rows written in windows with and without scrapes, medians. This second measurement is far less
 * exposed to a shared machine's drift than whole processes are.
 *
 * <p>Usage: {@code MetricsOverheadBench DIST_DIR [es=ES_8] [rate=5000] [seconds=60] [warmup=20] [rounds=3] [sample=10]
 * [windows=8] [windowSeconds=30]} (rounds=0 skips the first measurement, windows=0 the second).
 */
public final class MetricsOverheadBench {
    private static final Pattern PORT = Pattern.compile("metrics on http://[^:]+:(\\d+)/metrics");
    private static final long CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ
    private static final String STATUS_TABLE = "TableStoreStreamReaderStatusTable"; // the seed job's

    private MetricsOverheadBench() {
    }

    public static void main(String[] args) {
        BenchMain.run(args, MetricsOverheadBench::run);
    }

    /** One measured round. */
    private record Round(boolean metrics, double offered, double written, double cpuMillisPer1000, SearchLatency.Stats latency,
                         long scrapes, double metricsCpuShare) {
    }


    private static void run(String[] args) throws Exception {
        Path dist = Path.of(BenchMain.arg(args, 0, "tablesync-dist/target/tablesync"));
        EsDistribution distribution = EsDistribution.valueOf(BenchMain.arg(args, 1, "ES_8"));
        int rate = Integer.parseInt(BenchMain.arg(args, 2, "5000"));
        int seconds = Integer.parseInt(BenchMain.arg(args, 3, "60"));
        int warmup = Integer.parseInt(BenchMain.arg(args, 4, "20"));
        int rounds = Integer.parseInt(BenchMain.arg(args, 5, "3"));
        int sample = Integer.parseInt(BenchMain.arg(args, 6, "10"));
        int windows = Integer.parseInt(BenchMain.arg(args, 7, "8"));
        int windowSeconds = Integer.parseInt(BenchMain.arg(args, 8, "30"));

        EsNode es = EsNodes.shared(distribution);
        Path work = Files.createTempDirectory("metrics-overhead");
        try (TablestoreLocal ots = TablestoreLocal.start(b -> b.shards(4))) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            es.http().deleteIndex(SeedDemo.INDEX);
            Path job = work.resolve("job.json");
            Files.writeString(job, SeedDemo.seedJob(ots, es).replace("\"cleanup\": false,",
                    "\"cleanup\": false, \"settings\": {\"index\": {\"refresh_interval\": \"1s\"}},"));
            System.out.printf(Locale.ROOT, "%s, tablestore-local (4 shards) in the bench JVM, sync: %s, heap 256 MB; %d rows/s,"
                    + " %d s measured after %d s warm-up per round; load average at start: %s%n", es, dist.resolve("bin/tablesync"),
                    rate, seconds, warmup, loadAverage());
            SyncBench.Load load = new SyncBench.Load(client);
            // the first process also creates the index and warms Elasticsearch up: run it once, unmeasured
            Round cold = measured(dist, job, work, es, client, load, false, rate, Math.max(seconds, 30), warmup, sample, -1);
            System.out.printf(Locale.ROOT, "warm-up round (not counted): written %.0f rows/s, p50 %.0f ms%n", cold.written(),
                    cold.latency().p50());
            List<Round> results = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                // alternate which mode goes first, so a drift of the machine's load favours neither
                boolean[] order = r % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false};
                for (boolean metrics : order) {
                    Round round = measured(dist, job, work, es, client, load, metrics, rate, seconds, warmup, sample, results.size());
                    results.add(round);
                    System.out.printf(Locale.ROOT, "round %d %-13s offered %.0f rows/s, written %.0f rows/s, sync CPU %.1f ms per"
                            + " 1000 rows written, write->acknowledged %s%s; load average %s%n", r + 1,
                            metrics ? "with metrics" : "without", round.offered(), round.written(), round.cpuMillisPer1000(),
                            round.latency(), metrics ? String.format(Locale.ROOT, ", %d scrapes, the threads serving them used %.2f %% of"
                                    + " the process's CPU", round.scrapes(), 100 * round.metricsCpuShare()) : "", loadAverage());
                }
            }
            if (rounds > 0) {
                report(results, rounds);
            }
            if (windows > 0) {
                windows(dist, job, work, client, load, rate, warmup, windows, windowSeconds);
            }
            client.shutdown();
        }
    }

    private static void report(List<Round> results, int rounds) {
        double cpuOff = median(results, false, Round::cpuMillisPer1000);
        double cpuOn = median(results, true, Round::cpuMillisPer1000);
        double rateOff = median(results, false, Round::written);
        double rateOn = median(results, true, Round::written);
        double p50Off = median(results, false, x -> x.latency().p50());
        double p50On = median(results, true, x -> x.latency().p50());
        System.out.printf(Locale.ROOT, "median of %d rounds: without metrics %.0f rows/s written, %.1f ms CPU per 1000 rows,"
                + " p50 %.0f ms; with metrics %.0f rows/s written, %.1f ms CPU per 1000 rows, p50 %.0f ms: written rate %+.2f %%,"
                + " CPU per row %+.1f %%%n", rounds, rateOff, cpuOff, p50Off, rateOn, cpuOn, p50On,
                100 * (rateOn - rateOff) / rateOff, 100 * (cpuOn - cpuOff) / cpuOff);
        System.out.printf(Locale.ROOT, "the threads serving /metrics and /status.json (HTTP-Dispatcher, metrics-http,"
                + " metrics-sampler) used a median %.2f %% of the sync process's CPU%n", 100 * median(results, true,
                Round::metricsCpuShare));
    }

    /** One process with the port; a scraper on in every other window. */
    private static void windows(Path dist, Path job, Path work, SyncClient client, SyncBench.Load load, int rate, int warmup,
                                int windows, int windowSeconds) throws Exception {
        Path log = work.resolve("sync-windows.log");
        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/tablesync").toString(), "sync", job.toString(),
                "--status-interval", "10s", "--metrics-port", "0");
        pb.environment().put("TABLESYNC_JVM_OPTS", "-Xms256m -Xmx256m");
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLog(p, log, "is the active writer");
            Matcher m = PORT.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (!m.find()) {
                throw new IllegalStateException("no metrics port in " + log);
            }
            int port = Integer.parseInt(m.group(1));
            load.run(rate, warmup, 1, null, null);
            List<double[]> on = new ArrayList<>();
            List<double[]> off = new ArrayList<>();
            for (int w = 0; w < windows; w++) {
                boolean scraping = w % 2 == 1;
                Scraper scraper = scraping ? new Scraper(port) : null;
                if (scraper != null) {
                    scraper.start();
                }
                long cpu0 = cpuTicks(p.pid());
                long serving0 = servingTicks(p.pid());
                long written0 = recordsWritten(client);
                long t0 = System.nanoTime();
                load.run(rate, windowSeconds, 1, null, null);
                double secs = (System.nanoTime() - t0) / 1e9;
                long written = recordsWritten(client) - written0;
                long cpu = cpuTicks(p.pid()) - cpu0;
                long serving = servingTicks(p.pid()) - serving0;
                if (scraper != null) {
                    scraper.interrupt();
                    scraper.join();
                }
                double cpuPer1000 = cpu * 1000.0 / CLOCK_TICKS_PER_SECOND / written * 1000;
                (scraping ? on : off).add(new double[] {written / secs, cpuPer1000, (double) serving / Math.max(1, cpu)});
                System.out.printf(Locale.ROOT, "window %d %-18s written %.0f rows/s, sync CPU %.1f ms per 1000 rows%s; load average %s%n",
                        w + 1, scraping ? "scraped every 1 s" : "not scraped", written / secs, cpuPer1000,
                        scraping ? String.format(Locale.ROOT, ", serving threads %.2f %% of the CPU", 100.0 * serving / Math.max(1, cpu))
                                : "", loadAverage());
            }
            double cpuOff = median(off, 1);
            double cpuOn = median(on, 1);
            System.out.printf(Locale.ROOT, "one process, %d windows of %d s each way, medians: not scraped %.0f rows/s, %.1f ms CPU"
                    + " per 1000 rows; scraped %.0f rows/s, %.1f ms CPU per 1000 rows (%+.1f %%), serving threads %.2f %% of the"
                    + " CPU%n", on.size(), windowSeconds, median(off, 0), cpuOff, median(on, 0), cpuOn,
                    100 * (cpuOn - cpuOff) / cpuOff, 100 * median(on, 2));
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** A round; one that failed on the load generator's side (tablestore-local under load) is run again, once. */
    private static Round measured(Path dist, Path job, Path work, EsNode es, SyncClient client, SyncBench.Load load,
                                  boolean metrics, int rate, int seconds, int warmup, int sample, int n) throws Exception {
        try {
            return round(dist, job, work, es, client, load, metrics, rate, seconds, warmup, sample, n);
        } catch (com.alicloud.openservices.tablestore.ClientException e) {
            System.out.println("round " + n + " failed writing its load (" + e.getMessage() + "); running it again");
            return round(dist, job, work, es, client, load, metrics, rate, seconds, warmup, sample, n + 1000);
        }
    }

    private static Round round(Path dist, Path job, Path work, EsNode es, SyncClient client, SyncBench.Load load, boolean metrics,
                               int rate, int seconds, int warmup, int sample, int n) throws Exception {
        Path log = work.resolve("sync-" + n + ".log");
        List<String> cmd = new ArrayList<>(List.of(dist.resolve("bin/tablesync").toString(), "sync", job.toString(),
                "--status-interval", "10s"));
        if (metrics) {
            cmd.addAll(List.of("--metrics-port", "0"));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("TABLESYNC_JVM_OPTS", "-Xms256m -Xmx256m");
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Scraper scraper = null;
        try {
            awaitLog(p, log, "is the active writer");
            if (metrics) {
                Matcher m = PORT.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (!m.find()) {
                    throw new IllegalStateException("no metrics port in " + log);
                }
                scraper = new Scraper(Integer.parseInt(m.group(1)));
                scraper.start();
            }
            try (SearchLatency indexed = new SearchLatency(es.http(), SeedDemo.INDEX, SearchLatency.Visibility.INDEXED)) {
                load.run(rate, warmup, sample, null, indexed);
                indexed.reset();
                long cpu0 = cpuTicks(p.pid());
                long serving0 = servingTicks(p.pid());
                long written0 = recordsWritten(client);
                long t0 = System.nanoTime();
                long rows = load.run(rate, seconds, sample, null, indexed);
                double secs = (System.nanoTime() - t0) / 1e9;
                long cpu1 = cpuTicks(p.pid());
                long serving1 = servingTicks(p.pid());
                long written = recordsWritten(client) - written0;
                // the last sampled row is among the last ten put: once all are acknowledged, no backlog is left
                SearchLatency.Stats latency = indexed.await(120_000);
                double cpuMillis = (cpu1 - cpu0) * 1000.0 / CLOCK_TICKS_PER_SECOND;
                return new Round(metrics, rows / secs, written / secs, cpuMillis / written * 1000, latency,
                        scraper == null ? 0 : scraper.count, (double) (serving1 - serving0) / Math.max(1, cpu1 - cpu0));
            }
        } finally {
            if (scraper != null) {
                scraper.interrupt();
                scraper.join();
            }
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** A monitoring client: /metrics every second, /status.json every other second. */
    private static final class Scraper extends Thread {
        private final HttpClient http = HttpClient.newHttpClient();
        private final int port;
        volatile long count;

        Scraper(int port) {
            super("scraper");
            this.port = port;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                for (long i = 0; !isInterrupted(); i++) {
                    get("/metrics");
                    if (i % 2 == 0) {
                        get("/status.json");
                    }
                    count++;
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                // done
            } catch (IOException e) {
                throw new IllegalStateException("scrape failed", e);
            }
        }

        private void get(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode());
            }
        }
    }

    private static void awaitLog(Process p, Path log, String text) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("sync did not start: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            Thread.sleep(50);
        }
    }

    /** Records the sync processes wrote so far: the sum of the checkpoints' record counts (written at least every second). */
    private static long recordsWritten(SyncClient client) {
        String streamId = client.listStream(new ListStreamRequest(SeedDemo.TABLE)).getStreams().get(0).getStreamId();
        RangeRowQueryCriteria c = new RangeRowQueryCriteria(STATUS_TABLE);
        c.setInclusiveStartPrimaryKey(checkpointKey(streamId, ""));
        c.setExclusiveEndPrimaryKey(checkpointKey(streamId, "\u007f"));
        c.setMaxVersions(1);
        long sum = 0;
        for (Row row : client.getRange(new GetRangeRequest(c)).getRows()) {
            sum += row.getLatestColumn("Records").getValue().asLong();
        }
        return sum;
    }

    private static PrimaryKey checkpointKey(String streamId, String shard) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("StreamId", PrimaryKeyValue.fromString(streamId))
                .addPrimaryKeyColumn("StatusType", PrimaryKeyValue.fromString("TablesyncShardCheckpoint"))
                .addPrimaryKeyColumn("StatusValue", PrimaryKeyValue.fromString(shard))
                .build();
    }

    /**
     * CPU of the threads that exist only with {@code --metrics-port}: the JDK HTTP server's dispatcher, the handler
     * thread, the sampler (/proc/PID/task/TID/stat; the thread name is the comm field).
     */
    private static long servingTicks(long pid) throws IOException {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (comm.startsWith("metrics-") || comm.startsWith("HTTP-Dispatcher")) {
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return sum;
    }

    /** User + system CPU of a process (all its threads), in clock ticks: /proc/PID/stat fields 14 and 15. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double median(List<Round> rounds, boolean metrics, java.util.function.ToDoubleFunction<Round> value) {
        double[] v = rounds.stream().filter(r -> r.metrics() == metrics).mapToDouble(value).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
