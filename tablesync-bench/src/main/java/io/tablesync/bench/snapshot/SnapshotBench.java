package io.tablesync.bench.snapshot;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tablesync.bench.BenchMain;
import io.tablesync.bench.CpuPinning;
import io.tablesync.bench.EsNodeProcess;
import io.tablesync.bench.ProcessCpu;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.tablesync.plugin.tablestore.table.RangeReader;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * {@code sync --snapshot} and {@code verify} as a user runs them — real {@code bin/tablesync} processes with
 * {@code -Xms256m -Xmx256m}, the seed's job file (channels and batch size set as below), tablestore-local in this
 * JVM, one Elasticsearch node — side by side with a raw bulk loader that indexes the same documents (read from the
 * table before its clock starts, pre-built bulk bodies, as many threads as the job has channels, the same batch
 * size) into the same node. Per round: snapshot (into an empty index), verify (of that index) and the raw loader,
 * the loader first in odd rounds and last in even ones. The first round warms the node and is not reported when
 * there is more than one; ratios are taken within a round, and their median is reported.
 *
 * <ul>
 *   <li>Snapshot rows/s: rows / the copy's time, from the log line that says the stream positions were recorded
 *       (the copy starts right after) to the one that says every range is copied (the log's own timestamps; JVM
 *       start, connecting and index creation excluded, as the raw loader's index creation is included).</li>
 *   <li>Verify rows/s: as verify reports it (its own clock, from connecting to the end of the comparison), and
 *       rows / the process's wall time, JVM start included.</li>
 *   <li>Memory: each process's peak resident set (VmHWM from /proc) under its 256 MB heap.</li>
 * </ul>
 * {@code -Dsnapshot.maxBulksInFlight=N} sets the job writer's requests in flight per channel (default 4; the raw
 * loader has one per thread); {@code -Dsnapshot.rawThreads=N} gives the raw loader N threads instead of one per channel.
 * With {@code -Dsnapshot.compareGetRange=true} every round also copies the table with the snapshot reading through
 * GetRange instead of BulkExport ({@code -Dtablesync.ots.tableReads=GetRange}), into its own empty index, and reports
 * both rates side by side.
 * Usage: {@code SnapshotBench DIST_DIR [es=ES_8] [rows=200000] [rounds=3] [channels=2] [batch=1000] [nameBytes=200]
 * [raw=true]}; {@code raw=false} leaves the raw loader out (for the memory run on a big table: the loader holds every
 * bulk body in this JVM).
 */
public final class SnapshotBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3})", Pattern.MULTILINE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private SnapshotBench() {
    }

    public static void main(String[] args) {
        BenchMain.run(args, SnapshotBench::run);
    }

    private static void run(String[] args) throws Exception {
        Path dist = Path.of(BenchMain.arg(args, 0, "tablesync-dist/target/tablesync")).toAbsolutePath();
        EsDistribution distribution = EsDistribution.valueOf(BenchMain.arg(args, 1, "ES_8"));
        int rows = Integer.parseInt(BenchMain.arg(args, 2, "200000"));
        int rounds = Integer.parseInt(BenchMain.arg(args, 3, "3"));
        int channels = Integer.parseInt(BenchMain.arg(args, 4, "2"));
        int batch = Integer.parseInt(BenchMain.arg(args, 5, "1000"));
        int nameBytes = Integer.parseInt(BenchMain.arg(args, 6, "200"));
        boolean withRaw = Boolean.parseBoolean(BenchMain.arg(args, 7, "true"));
        boolean compareGetRange = Boolean.getBoolean("snapshot.compareGetRange");
        // one request in flight per thread: as many threads as the job has channels, or as -Dsnapshot.rawThreads says
        // (channels × maxBulksInFlight gives the loader the job's concurrency)
        int rawThreads = Integer.getInteger("snapshot.rawThreads", channels);

        EsNode es = EsNodes.shared(distribution);
        CpuPinning.pinElasticsearch(EsNodeProcess.of(es));
        Path work = Files.createTempDirectory("snapshot-bench");
        System.out.printf(Locale.ROOT, "%s (heap %s); %d cores, load average %s; rows %,d (name %d bytes), channels %d, batch %d%n",
                es, System.getProperty("tablesync.es.heap", "256m"), Runtime.getRuntime().availableProcessors(), loadAverage(),
                rows, nameBytes, channels, batch);
        try (TablestoreLocal ots = TablestoreLocal.start()) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            preload(client, rows, nameBytes);
            System.out.printf(Locale.ROOT, "preloaded %,d rows into tablestore-local (bench JVM)%n", rows);
            List<byte[]> bodies = withRaw ? bulkBodies(SeedDemo.readTable(client), batch) : List.of();
            List<double[]> results = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                String rawIndex = "snapshot_bench_raw";
                String syncIndex = "snapshot_bench_sync";
                // the raw loader goes first in odd rounds and last in even ones: neither side always meets the colder node
                boolean rawFirst = round % 2 == 1;
                Measured rawLoaded = withRaw && rawFirst ? rawLoad(es, rawIndex, bodies, rawThreads, rows) : NOT_RUN;
                es.http().deleteIndex(rawIndex);
                Path job = work.resolve("job-" + round + ".json");
                Files.writeString(job, job(ots, es, syncIndex, channels, batch));
                es.http().deleteIndex(syncIndex);
                Measured snap = snapshot(dist, job, work.resolve("sync-" + round + ".log"), rows, es, syncIndex, "");
                Measured getRange = NOT_RUN;
                if (compareGetRange) {
                    Path getRangeJob = work.resolve("job-getrange-" + round + ".json");
                    Files.writeString(getRangeJob, job(ots, es, syncIndex + "_getrange", channels, batch));
                    es.http().deleteIndex(syncIndex + "_getrange");
                    client.deleteTable(new com.alicloud.openservices.tablestore.model.DeleteTableRequest(
                            "TableStoreStreamReaderStatusTable"));
                    getRange = snapshot(dist, getRangeJob, work.resolve("sync-getrange-" + round + ".log"), rows, es,
                            syncIndex + "_getrange", " -D" + RangeReader.API_PROPERTY + "=GetRange");
                    es.http().deleteIndex(syncIndex + "_getrange");
                }
                Measured verify = verify(dist, job, work.resolve("verify-" + round + ".log"), rows);
                es.http().deleteIndex(syncIndex);
                if (withRaw && !rawFirst) {
                    rawLoaded = rawLoad(es, rawIndex, bodies, rawThreads, rows);
                    es.http().deleteIndex(rawIndex);
                }
                double raw = rawLoaded.rate;
                client.deleteTable(new com.alicloud.openservices.tablestore.model.DeleteTableRequest(
                        "TableStoreStreamReaderStatusTable"));
                System.out.printf(Locale.ROOT, "round %d: raw loader %,.0f docs/s | snapshot %,.0f rows/s (%.1f %% of raw; peak RSS"
                                + " %d MB) | verify %,.0f rows/s (%.2f x the snapshot; %,.0f rows/s by wall time with JVM start; peak RSS"
                                + " %d MB) | load average %s%n",
                        round, raw, snap.rate, 100 * snap.rate / raw, snap.peakRssKb / 1024, verify.rate, verify.rate / snap.rate,
                        verify.wallRate, verify.peakRssKb / 1024, loadAverage());
                System.out.printf(Locale.ROOT, "round %d: snapshot %s | raw loader: node %.1f, loader %.1f CPU µs/doc%n", round,
                        snap.cpu, rawLoaded.cpu.node, rawLoaded.cpu.benchJvm);
                if (compareGetRange) {
                    System.out.printf(Locale.ROOT, "round %d: snapshot through GetRange %,.0f rows/s (%.1f %% of raw); BulkExport"
                            + " / GetRange %.2f x; %s%n", round, getRange.rate, 100 * getRange.rate / raw, snap.rate / getRange.rate,
                            getRange.cpu);
                }
                if (rounds == 1 || round > 1) {
                    results.add(new double[] {raw, snap.rate, verify.rate, snap.peakRssKb, verify.peakRssKb, snap.rate / raw,
                        verify.rate / snap.rate, getRange.rate / raw, snap.rate / getRange.rate, snap.cpu.process, snap.cpu.node,
                        snap.cpu.benchJvm, rawLoaded.cpu.node, getRange.cpu.process, getRange.cpu.benchJvm});
                }
            }
            // ratios are taken within each round (side by side on the node as it was then), then their median
            System.out.printf(Locale.ROOT, "RESULT rows=%d median raw=%.0f snapshot=%.0f verify=%.0f; median of the rounds' ratios:"
                            + " snapshot/raw %.1f%%, verify/snapshot %.2fx; peakRss snapshot=%dMB verify=%dMB%n", rows,
                    median(results, 0), median(results, 1), median(results, 2), 100 * median(results, 5), median(results, 6),
                    (long) max(results, 3) / 1024, (long) max(results, 4) / 1024);
            System.out.printf(Locale.ROOT, "RESULT median CPU µs/row during the copy: snapshot process %.1f, node %.1f,"
                    + " tablestore-local %.1f; node per raw-loaded doc %.1f%n", median(results, 9), median(results, 10),
                    median(results, 11), median(results, 12));
            if (compareGetRange) {
                System.out.printf(Locale.ROOT, "RESULT through GetRange: median of the rounds' ratios: snapshot/raw %.1f%%,"
                        + " BulkExport/GetRange %.2fx; median CPU µs/row: snapshot process %.1f, tablestore-local %.1f%n",
                        100 * median(results, 7), median(results, 8), median(results, 13), median(results, 14));
            }
            client.shutdown();
        }
    }

    private static void preload(SyncClient client, int rows, int nameBytes) {
        String pad = "x".repeat(Math.max(0, nameBytes - 8));
        for (int from = 0; from < rows; from += 200) {
            BatchWriteRowRequest req = new BatchWriteRowRequest();
            for (int i = from; i < Math.min(rows, from + 200); i++) {
                RowPutChange put = new RowPutChange(SeedDemo.TABLE, SeedDemo.pk(String.format("u%08d", i)));
                put.addColumn("name", ColumnValue.fromString("n" + i + pad));
                put.addColumn("phone", ColumnValue.fromString(String.valueOf(13_800_000_000L + i)));
                req.addRowChange(put);
            }
            if (!client.batchWriteRow(req).isAllSucceed()) {
                throw new IllegalStateException("preload failed");
            }
        }
    }

    /** The documents the job writes (its column mapping: uid is the id, name and phone the fields), as bulk bodies. */
    private static List<byte[]> bulkBodies(Map<String, Map<String, String>> table, int batch) throws IOException {
        List<byte[]> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (Map.Entry<String, Map<String, String>> e : table.entrySet()) {
            ObjectNode doc = JSON.createObjectNode();
            doc.put("name", e.getValue().get("name"));
            doc.put("phone", e.getValue().get("phone"));
            sb.append("{\"index\":{\"_id\":").append(JSON.writeValueAsString(e.getKey())).append("}}\n")
                    .append(JSON.writeValueAsString(doc)).append('\n');
            if (++n % batch == 0) {
                out.add(sb.toString().getBytes(StandardCharsets.UTF_8));
                sb.setLength(0);
            }
        }
        if (sb.length() > 0) {
            out.add(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * The writer's {@code maxBulksInFlight} from {@code -Dsnapshot.maxBulksInFlight} (the job's default, 4 per channel,
     * when unset): 1 gives the snapshot the raw loader's concurrency, one request in flight per channel.
     */
    private static String bulksInFlight() {
        String n = System.getProperty("snapshot.maxBulksInFlight");
        return n == null ? "" : " \"maxBulksInFlight\": " + Integer.parseInt(n) + ",";
    }

    /** The seed's job file with {@code channel} and {@code batchSize} set, writing into {@code index}. */
    private static String job(TablestoreLocal ots, EsNode es, String index, int channels, int batch) throws IOException {
        return SeedDemo.seedJob(ots, es, index)
                .replace("\"channel\": 1 #", "\"channel\": " + channels + " #")
                .replace("\"batchSize\": 100,", "\"batchSize\": " + batch + "," + bulksInFlight());
    }

    private static Measured rawLoad(EsNode node, String index, List<byte[]> bodies, int threads, int rows) throws Exception {
        node.http().deleteIndex(index);
        EsNodeProcess nodeProcess = EsNodeProcess.of(node);
        double nodeCpu0 = nodeProcess.cpuSeconds();
        double selfCpu0 = ProcessCpu.self();
        try (RestClient client = RestClient.builder(new HttpHost(node.host(), node.port(), "http")).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            node.http().put("/" + index, "{\"mappings\":{\"properties\":{\"name\":{\"type\":\"text\"},\"phone\":{\"type\":\"text\"}}}}")
                    .expectOk();
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                fs.add(pool.submit(() -> {
                    for (int i = first; i < bodies.size(); i += threads) {
                        Request req = new Request("POST", "/" + index + "/_bulk");
                        req.setEntity(new NByteArrayEntity(bodies.get(i), ContentType.create("application/x-ndjson")));
                        Response resp = client.performRequest(req);
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
            double nodeCpu = nodeProcess.cpuSeconds() - nodeCpu0;
            double selfCpu = ProcessCpu.self() - selfCpu0;
            long n = node.http().count(index);
            if (n != rows) {
                throw new IllegalStateException("raw loader: " + n + " documents, expected " + rows);
            }
            return new Measured(rows / secs, 0, Double.NaN, new CpuPerRow(Double.NaN, 1e6 * nodeCpu / rows, 1e6 * selfCpu / rows));
        }
    }

    /**
     * @param cpu CPU microseconds per row while the rows were copied or loaded: the measured process (the snapshot;
     *            the raw loader runs in this JVM, so for it this is the bench JVM), the node, and this JVM
     *            (tablestore-local serving the reads; for the raw loader the loader itself); NaN where not measured
     */
    private record Measured(double rate, long peakRssKb, double wallRate, CpuPerRow cpu) {
    }

    private static final Measured NOT_RUN = new Measured(Double.NaN, 0, Double.NaN, CpuPerRow.NONE);

    private record CpuPerRow(double process, double node, double benchJvm) {
        static final CpuPerRow NONE = new CpuPerRow(Double.NaN, Double.NaN, Double.NaN);

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "CPU µs/row: process %.1f, node %.1f, tablestore-local %.1f", process, node,
                    benchJvm);
        }
    }

    private static final Pattern VERIFY_SAYS = Pattern.compile("checked (\\d+) rows in ([\\d.]+) s");

    private static Measured snapshot(Path dist, Path job, Path log, int rows, EsNode es, String index, String jvmOpts)
            throws Exception {
        Process p = start(dist, log, jvmOpts, "sync", job.toString(), "--snapshot", "--status-interval", "10s");
        EsNodeProcess node = EsNodeProcess.of(es);
        long peak = 0;
        double[] atCopyStart = null;
        double[] atCopyEnd;
        try {
            // CPU is read when the log first shows the copy started and ended (polled every 50 ms)
            while (true) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                if (atCopyStart == null && text.contains("snapshot: recorded the stream positions")) {
                    atCopyStart = cpuNow(p, node);
                }
                if (text.contains("switching to the stream")) {
                    atCopyEnd = cpuNow(p, node);
                    break;
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException("sync exited: " + Files.readString(log));
                }
                peak = Math.max(peak, peakRssKb(p));
                Thread.sleep(50);
            }
            peak = Math.max(peak, peakRssKb(p));
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        long from = timeOfLine(text, "snapshot: recorded the stream positions");
        long to = timeOfLine(text, "switching to the stream");
        long n = es.http().count(index);
        if (n != rows) {
            throw new IllegalStateException("snapshot: " + n + " documents, expected " + rows);
        }
        CpuPerRow cpu = atCopyStart == null ? CpuPerRow.NONE : new CpuPerRow(1e6 * (atCopyEnd[0] - atCopyStart[0]) / rows,
                1e6 * (atCopyEnd[1] - atCopyStart[1]) / rows, 1e6 * (atCopyEnd[2] - atCopyStart[2]) / rows);
        return new Measured(rows / ((to - from) / 1000.0), peak, Double.NaN, cpu);
    }

    private static Measured verify(Path dist, Path job, Path log, int rows) throws Exception {
        long start = System.nanoTime();
        Process p = start(dist, log, "", "verify", job.toString());
        long peak = 0;
        while (p.isAlive()) {
            peak = Math.max(peak, peakRssKb(p));
            p.waitFor(100, TimeUnit.MILLISECONDS);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        String text = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 || !text.contains("result: EQUAL")) {
            throw new IllegalStateException("verify did not find the index equal (exit " + p.exitValue() + "): " + text);
        }
        Matcher says = VERIFY_SAYS.matcher(text);
        if (!says.find() || Long.parseLong(says.group(1)) != rows) {
            throw new IllegalStateException("verify did not report " + rows + " rows checked: " + text);
        }
        return new Measured(rows / Double.parseDouble(says.group(2)), peak, rows / secs, CpuPerRow.NONE);
    }

    private static Process start(Path dist, Path log, String extraJvmOpts, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(dist.resolve("bin/tablesync").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("TABLESYNC_JVM_OPTS", System.getProperty("snapshot.jvmOpts", "-Xms256m -Xmx256m") + extraJvmOpts);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    /** The log timestamp (epoch ms, local time zone as logback writes it) of the first line containing {@code text}. */
    private static long timeOfLine(String log, String text) {
        int at = log.indexOf(text);
        if (at < 0) {
            throw new IllegalStateException("no log line with: " + text);
        }
        int lineStart = log.lastIndexOf('\n', at) + 1;
        Matcher m = LOG_TIME.matcher(log.substring(lineStart, at));
        if (!m.find()) {
            throw new IllegalStateException("no timestamp on the line with: " + text);
        }
        return LocalDateTime.parse(m.group(1), TIME).atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    /** CPU seconds so far of the process, the node and this JVM. */
    private static double[] cpuNow(Process p, EsNodeProcess node) {
        return new double[] {ProcessCpu.seconds(p.pid()), node.cpuSeconds(), ProcessCpu.self()};
    }

    private static long peakRssKb(Process p) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // the process ended between the check and the read
        }
        return 0;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double median(List<double[]> results, int i) {
        double[] v = results.stream().mapToDouble(r -> r[i]).sorted().toArray();
        return v.length == 0 ? 0 : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double max(List<double[]> results, int i) {
        return results.stream().mapToDouble(r -> r[i]).max().orElse(0);
    }
}
