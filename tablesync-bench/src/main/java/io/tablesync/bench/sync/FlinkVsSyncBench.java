package io.tablesync.bench.sync;

import com.alicloud.openservices.tablestore.SyncClient;
import io.tablesync.bench.BenchMain;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the same job run by {@code tablesync sync} and by {@code tablesync flink} (embedded
 * MiniCluster) at parallelism 1 and 2, side by side on one machine and one data set: tablestore-local
 * (4 shards) holds {@code rows} puts of distinct keys written before; each round is a real process of the
 * distribution with a fresh status table and index that reads the stream from its start. The rate is the
 * sustained one, between 30 % and 90 % of the rows indexed (Elasticsearch's indexing count, polled), which
 * leaves out JVM and MiniCluster start; the process is stopped once every row is indexed. Rounds alternate
 * sync, flink p=1, flink p=2, sync, …; medians are reported. Flink stays out of this module's class path:
 * the rounds run {@code bin/tablesync}.
 *
 * <p>Usage: {@code FlinkVsSyncBench DIST_DIR [es=ES_8] [rows=200000] [batchSize=100] [rounds=3]}.
 */
public final class FlinkVsSyncBench {
    private FlinkVsSyncBench() {
    }

    public static void main(String[] args) {
        BenchMain.run(args, FlinkVsSyncBench::run);
    }

    private static void run(String[] args) throws Exception {
        Path dist = Path.of(BenchMain.arg(args, 0, "tablesync-dist/target/tablesync"));
        EsDistribution distribution = EsDistribution.valueOf(BenchMain.arg(args, 1, "ES_8"));
        int rows = Integer.parseInt(BenchMain.arg(args, 2, "200000"));
        int batch = Integer.parseInt(BenchMain.arg(args, 3, "100"));
        int rounds = Integer.parseInt(BenchMain.arg(args, 4, "3"));
        EsNode es = EsNodes.shared(distribution);
        Path work = Files.createTempDirectory("flink-vs-sync");
        List<List<String>> variants = List.of(List.of("sync"), List.of("flink", "--parallelism", "1"),
                List.of("flink", "--parallelism", "2"));
        double[][] rates = new double[variants.size()][rounds];
        try (TablestoreLocal ots = TablestoreLocal.start(b -> b.shards(4))) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            long loadStart = System.nanoTime();
            SyncThroughputBench.preload(client, rows);
            System.out.printf(Locale.ROOT, "%s; %d puts preloaded into tablestore-local (4 shards) in %.1f s; batch size %d;"
                    + " %d cores, load average at start %s%n", es, rows, (System.nanoTime() - loadStart) / 1e9, batch,
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            int n = 0;
            for (int r = 0; r < rounds; r++) {
                for (int v = 0; v < variants.size(); v++) {
                    rates[v][r] = round(dist, ots, es, work, batch, rows, variants.get(v), n++);
                }
            }
            System.out.printf(Locale.ROOT, "medians of %d rounds (load average at the end %s):%n", rounds, loadAverage());
            for (int v = 0; v < variants.size(); v++) {
                System.out.printf(Locale.ROOT, "  %-26s %8.0f docs/s%n", String.join(" ", variants.get(v)),
                        SyncThroughputBench.median(rates[v]));
            }
            client.shutdown();
        }
    }

    private static double round(Path dist, TablestoreLocal ots, EsNode es, Path work, int batch, int rows, List<String> command,
                                int n) throws Exception {
        String index = SeedDemo.INDEX;
        es.http().deleteIndex(index);
        String job = SeedDemo.seedJob(ots, es)
                .replace("\"TableStoreStreamReaderStatusTable\"", "\"bench_status_" + n + "\"")
                .replace("\"batchSize\": 100", "\"batchSize\": " + batch);
        Path file = work.resolve("job-" + n + ".json");
        Files.writeString(file, job);
        Path log = work.resolve("round-" + n + ".log");
        List<String> cmd = new ArrayList<>(List.of(dist.resolve("bin/tablesync").toString(), command.get(0), file.toString(),
                "--from", "earliest"));
        cmd.addAll(command.subList(1, command.size()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("TABLESYNC_JVM_OPTS", "-Xms512m -Xmx512m");
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long started = System.nanoTime();
        long[] steadyFrom = null; // {nanos, count} at the first sample past 30 % of the rows
        long[] steadyTo = null;   // the first sample past 90 %
        long count = 0;
        try {
            while (count < rows) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + log);
                }
                if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(15)) {
                    throw new IllegalStateException(String.join(" ", command) + " did not index every row in 15 minutes: " + log);
                }
                try {
                    count = SyncThroughputBench.indexed(es, index);
                } catch (RuntimeException e) {
                    count = 0; // the index does not exist yet
                }
                long now = System.nanoTime();
                if (steadyFrom == null && count >= rows * 3L / 10) {
                    steadyFrom = new long[] {now, count};
                } else if (steadyFrom != null && steadyTo == null && count >= rows * 9L / 10) {
                    steadyTo = new long[] {now, count};
                }
                Thread.sleep(100);
            }
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        double steady = (steadyTo[1] - steadyFrom[1]) / ((steadyTo[0] - steadyFrom[0]) / 1e9);
        System.out.printf(Locale.ROOT, "  round %d, %-24s %8.0f docs/s between 30 %% and 90 %% of the rows (load average %s)%n",
                n + 1, String.join(" ", command) + ":", steady, loadAverage());
        return steady;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
