package io.tablesync.bench.sync;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.StreamSpecification;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import io.tablesync.bench.BenchMain;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code sync} process of N jobs needs in heap, for the README's sizing: one real
 * {@code bin/tablesync sync DIR} process (1 GB heap, so the heap does not constrain it) runs N seed
 * jobs (one table and one index each) against tablestore-local and a real Elasticsearch; rows are put
 * at a fixed total rate spread over the N tables. At the end of each phase (idle, then each rate, each
 * {@code seconds} long) a full GC is forced ({@code jcmd PID GC.run}) and the heap in use after it (the
 * live set, from the process's own {@code jvm_memory_used_bytes{area="heap"}}) and the resident size are
 * printed, with the peak heap in use seen during the phase (sampled every 500 ms).
 *
 * <p>Usage: {@code JobHeapBench DIST_DIR [jobs=1,4] [rates=0,1000,4000] [seconds=20] [es=ES_8]}.
 */
public final class JobHeapBench {
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern PORT = Pattern.compile("metrics on http://[^:]+:(\\d+)/metrics");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private JobHeapBench() {
    }

    public static void main(String[] args) {
        BenchMain.run(args, JobHeapBench::run);
    }

    private static void run(String[] args) throws Exception {
        Path dist = Path.of(BenchMain.arg(args, 0, "tablesync-dist/target/tablesync"));
        int[] jobCounts = ints(BenchMain.arg(args, 1, "1,4"));
        int[] rates = ints(BenchMain.arg(args, 2, "0,1000,4000"));
        int seconds = Integer.parseInt(BenchMain.arg(args, 3, "20"));
        EsNode es = EsNodes.shared(EsDistribution.valueOf(BenchMain.arg(args, 4, "ES_8")));
        Path work = Files.createTempDirectory("job-heap");
        System.out.printf(Locale.ROOT, "%s, %d cores; sync with -Xms1g -Xmx1g; phases of %d s%n", es,
                Runtime.getRuntime().availableProcessors(), seconds);
        System.out.println("jobs | rows/s (total) | heap after full GC MB | peak heap MB | RSS MB");
        for (int n : jobCounts) {
            try (TablestoreLocal ots = TablestoreLocal.start(b -> b.shards(4))) {
                SyncClient client = ots.syncClient();
                Path jobs = Files.createDirectories(work.resolve("jobs-" + n));
                List<String> tables = new ArrayList<>();
                for (int j = 0; j < n; j++) {
                    String table = "heap_" + n + "_" + j;
                    tables.add(table);
                    createTable(client, table);
                    es.http().deleteIndex(table);
                    Files.writeString(jobs.resolve(table + ".json"), SeedDemo.seedJob(ots, es, table)
                            .replace("\"dataTable\": \"table_name\"", "\"dataTable\": \"" + table + "\""));
                }
                Path log = work.resolve("sync-" + n + ".log");
                ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/tablesync").toString(), "sync", jobs.toString(),
                        "--metrics-port", "0");
                pb.environment().put("TABLESYNC_JVM_OPTS", "-Xms1g -Xmx1g");
                Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
                try {
                    int port = port(log, p);
                    AtomicLong next = new AtomicLong();
                    for (int rate : rates) {
                        double[] peak = {0};
                        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
                        if (rate > 0) {
                            int perTick = Math.max(1, rate / 10);
                            load.scheduleAtFixedRate(() -> put(client, tables, next, perTick), 0, 100, TimeUnit.MILLISECONDS);
                        }
                        load.scheduleAtFixedRate(() -> peak[0] = Math.max(peak[0], heapBytes(port)), 0, 500, TimeUnit.MILLISECONDS);
                        Thread.sleep(seconds * 1000L);
                        load.shutdownNow();
                        load.awaitTermination(10, TimeUnit.SECONDS);
                        new ProcessBuilder("jcmd", String.valueOf(p.pid()), "GC.run").redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                        Thread.sleep(500);
                        System.out.printf(Locale.ROOT, "%d | %d | %.0f | %.0f | %.0f%n", n, rate, heapBytes(port) / 1e6,
                                peak[0] / 1e6, rssBytes(p.pid()) / 1e6);
                    }
                } finally {
                    p.destroy();
                    p.waitFor(30, TimeUnit.SECONDS);
                }
                client.shutdown();
            }
        }
    }

    private static void createTable(SyncClient client, String table) {
        TableMeta meta = new TableMeta(table);
        meta.addPrimaryKeyColumn(new PrimaryKeySchema("uid", PrimaryKeyType.STRING));
        CreateTableRequest req = new CreateTableRequest(meta, new TableOptions(-1, 1));
        req.setStreamSpecification(new StreamSpecification(true, 24));
        client.createTable(req);
    }

    /** {@code count} new rows (about 40 bytes of attributes each), spread over the tables, in batches of up to 200. */
    private static void put(SyncClient client, List<String> tables, AtomicLong next, int count) {
        for (int from = 0; from < count; from += 200) {
            BatchWriteRowRequest req = new BatchWriteRowRequest();
            for (int i = from; i < Math.min(count, from + 200); i++) {
                long id = next.getAndIncrement();
                RowPutChange put = new RowPutChange(tables.get((int) (id % tables.size())), PrimaryKeyBuilder
                        .createPrimaryKeyBuilder().addPrimaryKeyColumn("uid", PrimaryKeyValue.fromString("u" + id)).build());
                put.addColumn("name", ColumnValue.fromString("name-" + id));
                put.addColumn("phone", ColumnValue.fromString("phone-" + id * 7));
                req.addRowChange(put);
            }
            client.batchWriteRow(req);
        }
    }

    private static int port(Path log, Process p) throws Exception {
        for (int i = 0; i < 1200 && p.isAlive(); i++) {
            Matcher m = PORT.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("sync did not serve metrics: " + log);
    }

    private static double heapBytes(int port) {
        try {
            String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            Matcher m = HEAP.matcher(text);
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
            return sum;
        } catch (Exception e) {
            return 0;
        }
    }

    private static double rssBytes(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Double.parseDouble(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static int[] ints(String csv) {
        String[] parts = csv.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i].trim());
        }
        return out;
    }
}
