package io.tablesync.bench.seed;

import com.alicloud.openservices.tablestore.SyncClient;
import io.tablesync.bench.BenchMain;
import io.tablesync.bench.CpuPinning;
import io.tablesync.bench.EsNodeProcess;
import io.tablesync.bench.ProcessCpu;
import io.tablesync.bench.ThreadCpuSampler;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * The seed's own job on the workload users have (issue 14): {@code changes} random changes ({@link ChangeMix})
 * are written into tablestore-local (in this JVM), then the seed's job file — {@code channel: 1},
 * {@code batchSize: 100}, single-version mode, its window set to cover the changes — is run into a real
 * Elasticsearch node as separate processes, each under {@code /usr/bin/time}:
 * <ul>
 *   <li>{@code run}: {@code python3 DIST/bin/datax.py -p"-DAFTER_OFFSET_TIME_MILLIS=0" job.json} (the seed's command line);</li>
 *   <li>{@code sync}: {@code DIST/bin/tablesync sync job.json -DAFTER_OFFSET_TIME_MILLIS=0} (stops at the window's end);</li>
 *   <li>{@code datax} (when a DataX home is given): DataX's own {@code datax.py} on the same job without its
 *       {@code #} comments (fastjson rejects them).</li>
 * </ul>
 * Each run gets a fresh index and status table. Reported per run: wall, user+sys CPU, max RSS, changes per
 * second of wall, bulk requests, and the documents that differ from the table afterwards ({@link IndexCheck});
 * in each round, beside them, a raw bulk loader's docs/s on the same node (pre-built bodies of the seed's
 * document shape, 100 per request, 1 and 4 requests in flight): the ceiling. Modes alternate within a round;
 * medians over the rounds are printed at the end, with the 1-minute load average of every run.
 *
 * <p>Usage: {@code SeedJobBench DIST_DIR [es=ES_7] [changes=200000] [rounds=3] [modes=run,sync] [dataxHome=-]};
 * {@code -Dseed.warmupRounds=N} runs N rounds first that the medians leave out;
 * {@code -Dseed.jvmOpts=...} adds JVM options to tablesync's processes ({@code %m} = mode, {@code %r} = round), e.g. a flight
 * recording; a mode {@code run+LABEL} (or {@code sync+LABEL}) runs with {@code -Dseed.jvmOpts.LABEL=...} added, and/or with
 * {@code -Dseed.reader.LABEL=key=value,...} / {@code -Dseed.writer.LABEL=...} added to the reader's / writer's parameters,
 * beside the others.
 */
public final class SeedJobBench {
    private SeedJobBench() {
    }

    public static void main(String[] args) {
        BenchMain.run(args, SeedJobBench::run);
    }

    /** One measured process. */
    record Measured(String mode, double wall, double cpu, long rssKb, int changes, long bulkRequests, IndexCheck.Result check,
                    double load, double nodeCpu, double benchCpu, long refreshes, String threads) {
        double rate() {
            return changes / wall;
        }
    }

    private static void run(String[] args) throws Exception {
        Path dist = Path.of(BenchMain.arg(args, 0, "tablesync-dist/target/tablesync")).toAbsolutePath();
        EsDistribution distribution = EsDistribution.valueOf(BenchMain.arg(args, 1, "ES_7"));
        int changes = Integer.parseInt(BenchMain.arg(args, 2, "200000"));
        int rounds = Integer.parseInt(BenchMain.arg(args, 3, "3"));
        List<String> modes = new ArrayList<>(List.of(BenchMain.arg(args, 4, "run,sync").split(",")));
        String dataxHome = BenchMain.arg(args, 5, "-");
        if (!"-".equals(dataxHome)) {
            modes.add(0, "datax");
        }
        EsNode es = EsNodes.shared(distribution);
        EsNodeProcess node = EsNodeProcess.of(es);
        CpuPinning.pinElasticsearch(node);
        Path work = Files.createTempDirectory("seed-job-bench");
        try (TablestoreLocal ots = TablestoreLocal.start()) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            long start = System.currentTimeMillis();
            long t0 = System.nanoTime();
            ChangeMix.Counts mix = ChangeMix.write(client, changes, 14);
            Thread.sleep(20);
            long end = System.currentTimeMillis() + 1;
            Map<String, Map<String, String>> table = SeedDemo.readTable(client);
            System.out.printf(Locale.ROOT, "%s (%s); tablestore-local in the bench JVM; %d changes written in %.1f s over %d keys: "
                    + "%d puts, %d updates, %d column deletes, %d row deletes; %d rows remain%n", es, es.url(), mix.total(),
                    (System.nanoTime() - t0) / 1e9, changes / 5, mix.puts(), mix.updates(), mix.columnDeletes(), mix.rowDeletes(),
                    table.size());
            System.out.printf(Locale.ROOT, "machine: %d CPUs, %s%n", Runtime.getRuntime().availableProcessors(), cpuModel());

            Map<String, List<Measured>> byMode = new LinkedHashMap<>();
            Map<String, List<Double>> ratios = new LinkedHashMap<>(); // per round: changes/s over that round's ceiling
            List<double[]> raw = new ArrayList<>();
            try (RestClient rest = RestClient.builder(HttpHost.create(es.url())).build()) {
                // warm-up rounds (-Dseed.warmupRounds) run first and are left out of the medians, as a cold node's JIT
                // makes its first partial updates cost several times what they cost later (BulkItemCostBench)
                int warmup = Integer.getInteger("seed.warmupRounds", 0);
                for (int r = 0; r < warmup + rounds; r++) {
                    String label = r < warmup ? "warm-up " + (r + 1) : "round " + (r - warmup + 1);
                    Map<String, Measured> thisRound = new LinkedHashMap<>();
                    for (String mode : modes) {
                        Measured m = measure(mode, dist, dataxHome, ots, es, node, work, start, end, r, changes, table);
                        thisRound.put(mode, m);
                        print(label, m);
                    }
                    double[] one = rawBulk(rest, es, node, changes, 100, 1);
                    double[] four = rawBulk(rest, es, node, changes, 100, 4);
                    double[] ceiling = {one[0], four[0]};
                    System.out.printf(Locale.ROOT, "%s raw bulk (100 docs per request): %.0f docs/s with 1 in flight (node busy %.0f %%), "
                            + "%.0f docs/s with 4 in flight (node busy %.0f %%)%n", label, one[0], one[1], four[0], four[1]);
                    if (r >= warmup) {
                        raw.add(ceiling);
                        thisRound.forEach((mode, m) -> {
                            byMode.computeIfAbsent(mode, k -> new ArrayList<>()).add(m);
                            ratios.computeIfAbsent(mode, k -> new ArrayList<>()).add(m.rate() / Math.max(ceiling[0], ceiling[1]));
                        });
                    }
                }
            }
            double raw1 = median(raw.stream().mapToDouble(x -> x[0]).toArray());
            double raw4 = median(raw.stream().mapToDouble(x -> x[1]).toArray());
            double ceiling = Math.max(raw1, raw4);
            System.out.printf(Locale.ROOT, "%nmedians of %d rounds (raw bulk ceiling %.0f docs/s: 1 in flight %.0f, 4 in flight %.0f)%n",
                    rounds, ceiling, raw1, raw4);
            System.out.println("| mode | wall s | user+sys CPU s | max RSS MB | changes/s | of raw ceiling | of raw ceiling (median of "
                    + "the rounds' ratios) | node busy (% of one core) | write tasks (≈ bulk requests) | wrong documents |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            Map<String, double[]> med = new LinkedHashMap<>();
            byMode.forEach((mode, ms) -> {
                double wall = median(ms.stream().mapToDouble(Measured::wall).toArray());
                double cpu = median(ms.stream().mapToDouble(Measured::cpu).toArray());
                double rss = median(ms.stream().mapToDouble(m -> m.rssKb() / 1024.0).toArray());
                double rate = median(ms.stream().mapToDouble(Measured::rate).toArray());
                long wrongMax = ms.stream().mapToLong(m -> m.check().wrong()).max().orElse(0);
                long requests = (long) median(ms.stream().mapToDouble(Measured::bulkRequests).toArray());
                double busy = median(ms.stream().mapToDouble(m -> 100 * m.nodeCpu() / m.wall()).toArray());
                med.put(mode, new double[] {wall, cpu, rss});
                double roundRatio = median(ratios.get(mode).stream().mapToDouble(Double::doubleValue).toArray());
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.0f | %.0f | %.0f %% | %.0f %% | %.0f %% | %d | %d (max of %d runs) |%n", mode,
                        wall, cpu, rss, rate, 100 * rate / ceiling, 100 * roundRatio, busy, requests, wrongMax, ms.size());
            });
            if (med.containsKey("datax")) {
                double[] d = med.get("datax");
                med.forEach((mode, v) -> {
                    if (!mode.equals("datax")) {
                        System.out.printf(Locale.ROOT, "%s / datax: wall %.2f, CPU %.2f, RSS %.2f%n", mode, v[0] / d[0], v[1] / d[1],
                                v[2] / d[2]);
                    }
                });
            }
            client.shutdown();
        }
    }

    private static Measured measure(String mode, Path dist, String dataxHome, TablestoreLocal ots, EsNode es, EsNodeProcess node, Path work,
                                    long start, long end, int round, int changes, Map<String, Map<String, String>> table) throws Exception {
        es.http().deleteIndex(SeedDemo.INDEX);
        String job = SeedDemo.seedJob(ots, es)
                .replace("\"${start_time}\"", String.valueOf(start))
                .replace("\"${end_time}\"", String.valueOf(end))
                .replace("\"TableStoreStreamReaderStatusTable\"", "\"bench_" + mode.replace('+', '_') + "_" + round + "\"");
        if (mode.equals("datax")) {
            job = job.replaceAll("(?m)\\s+#.*$", ""); // fastjson does not take comments
        }
        job = withParameters(job, "otsstreamreader", pluginParameters(mode, "reader"));
        job = withParameters(job, "elasticsearchwriter", pluginParameters(mode, "writer"));
        Path file = work.resolve(mode + "-" + round + ".json");
        Files.writeString(file, job);
        Path log = work.resolve(mode + "-" + round + ".log");
        Path times = work.resolve(mode + "-" + round + ".time");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", times.toString()));
        String jvmOpts = jvmOpts(mode); // e.g. a flight recording; for datax.py as -j, for sync in the env
        switch (mode.replaceAll("\\+.*", "")) {
            case "run" -> {
                cmd.addAll(List.of("python3", dist.resolve("bin/datax.py").toString()));
                if (jvmOpts != null) {
                    cmd.add("-j" + jvmOpts.replace("%m", mode).replace("%r", String.valueOf(round)));
                }
                cmd.addAll(List.of("-p-DAFTER_OFFSET_TIME_MILLIS=0", file.toString()));
            }
            case "sync" -> cmd.addAll(List.of(dist.resolve("bin/tablesync").toString(), "sync", file.toString(),
                    "-DAFTER_OFFSET_TIME_MILLIS=0"));
            case "datax" -> cmd.addAll(List.of("python3", Path.of(dataxHome, "bin/datax.py").toString(),
                    "-p-DAFTER_OFFSET_TIME_MILLIS=0", file.toString()));
            default -> throw new IllegalArgumentException("unknown mode " + mode + " (run, sync, datax, or run+LABEL / sync+LABEL)");
        }
        double load = loadAverage();
        long writesBefore = writeTasks(es);
        double nodeCpuBefore = node.cpuSeconds();
        double benchCpuBefore = ProcessCpu.self();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        if (jvmOpts != null && mode.startsWith("sync")) {
            pb.environment().put("TABLESYNC_JVM_OPTS", jvmOpts.replace("%m", mode).replace("%r", String.valueOf(round)));
        }
        Process process = pb.start();
        int exit;
        String threadCpu; // where the measured process's CPU went, by thread
        try (ThreadCpuSampler threads = ThreadCpuSampler.of(process)) {
            exit = process.waitFor();
            threadCpu = threads.describe(8);
        }
        double nodeCpu = node.cpuSeconds() - nodeCpuBefore;
        double benchCpu = ProcessCpu.self() - benchCpuBefore; // tablestore-local serving the job
        if (exit != 0) {
            throw new IllegalStateException(mode + " exited with " + exit + ": " + log);
        }
        String[] t = Files.readString(times, StandardCharsets.UTF_8).trim().split("\\R");
        String[] f = t[t.length - 1].trim().split(" ");
        long refreshes = refreshes(es);
        IndexCheck.Result check = IndexCheck.compare(es.http(), SeedDemo.INDEX, table);
        long requests = writeTasks(es) - writesBefore;
        return new Measured(mode, Double.parseDouble(f[0]), Double.parseDouble(f[1]) + Double.parseDouble(f[2]), Long.parseLong(f[3]),
                changes, requests, check, load, nodeCpu, benchCpu, refreshes, threadCpu);
    }

    /**
     * JVM options for a tablesync process: {@code -Dseed.jvmOpts} for every mode, and for a mode written
     * {@code run+LABEL} or {@code sync+LABEL} also {@code -Dseed.jvmOpts.LABEL}, so that variants run side by side.
     */
    static String jvmOpts(String mode) {
        String all = System.getProperty("seed.jvmOpts");
        int plus = mode.indexOf('+');
        String variant = plus < 0 ? null : System.getProperty("seed.jvmOpts." + mode.substring(plus + 1));
        if (plus >= 0 && variant == null && pluginParameters(mode, "reader") == null && pluginParameters(mode, "writer") == null) {
            String label = mode.substring(plus + 1);
            throw new IllegalArgumentException("mode " + mode + " needs -Dseed.jvmOpts." + label + ", -Dseed.reader." + label
                    + " or -Dseed.writer." + label);
        }
        String joined = String.join(" ", java.util.stream.Stream.of(all, variant).filter(java.util.Objects::nonNull).toList());
        return joined.isEmpty() ? null : joined;
    }

    /**
     * For a mode {@code run+LABEL} or {@code sync+LABEL}: {@code -Dseed.reader.LABEL=key=value,...} or
     * {@code -Dseed.writer.LABEL=...}, parameters added to the reader's or the writer's.
     */
    static String pluginParameters(String mode, String side) {
        int plus = mode.indexOf('+');
        return plus < 0 ? null : System.getProperty("seed." + side + "." + mode.substring(plus + 1));
    }

    /** The job with {@code key=value,...} (numbers, true/false or text) added to the named plugin's parameters. */
    static String withParameters(String job, String plugin, String parameters) {
        if (parameters == null) {
            return job;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + plugin + "\"[^{]*\"parameter\"\\s*:\\s*\\{").matcher(job);
        if (!m.find()) {
            throw new IllegalStateException("no " + plugin + " parameter block in the seed's job");
        }
        StringBuilder added = new StringBuilder();
        for (String kv : parameters.split(",")) {
            String[] p = kv.split("=", 2);
            String v = p[1].trim();
            boolean literal = v.matches("-?\\d+|true|false");
            added.append(" \"").append(p[0].trim()).append("\": ").append(literal ? v : "\"" + v + "\"").append(',');
        }
        return job.substring(0, m.end()) + added + job.substring(m.end());
    }

    private static void print(String label, Measured m) {
        System.out.printf(Locale.ROOT, "%s %-5s: wall %6.2f s, CPU %6.2f s, max RSS %4d MB, %7.0f changes/s, %d write tasks, "
                + "wrong documents %d (missing %d, different %d, extra %d); node CPU %.2f s (busy %.0f %% of one core); "
                + "index refreshes %d; tablestore-local (bench JVM) CPU %.2f s; load average %.1f%n",
                label, m.mode(), m.wall(), m.cpu(), m.rssKb() / 1024, m.rate(), m.bulkRequests(), m.check().wrong(), m.check().missing(),
                m.check().different(), m.check().extra(), m.nodeCpu(), 100 * m.nodeCpu() / m.wall(), m.refreshes(), m.benchCpu(), m.load());
        System.out.printf(Locale.ROOT, "  %s CPU by thread: %s%n", m.mode(), m.threads());
    }

    /**
     * docs/s of pre-built bulk bodies ({@code batch} documents of the seed's shape each) with {@code inFlight} senders, and
     * the node's CPU use meanwhile (% of one core).
     */
    private static double[] rawBulk(RestClient rest, EsNode es, EsNodeProcess node, int docs, int batch, int inFlight) throws Exception {
        es.http().deleteIndex(SeedDemo.INDEX);
        es.http().put("/" + SeedDemo.INDEX, "{\"mappings\":{\"properties\":{\"name\":{\"type\":\"text\"},"
                + "\"phone\":{\"type\":\"text\"}}}}").expectOk();
        Random rnd = new Random(5);
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < docs; from += batch) {
            StringBuilder sb = new StringBuilder();
            for (int i = from; i < Math.min(docs, from + batch); i++) {
                int v = rnd.nextInt(1_000_000);
                sb.append("{\"index\":{\"_id\":\"u").append(rnd.nextInt(Math.max(1, docs / 5))).append("\"}}\n{\"name\":\"name-")
                        .append(v).append("\",\"phone\":\"phone-").append(v).append("\"}\n");
            }
            bodies.add(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        double nodeCpuBefore = node.cpuSeconds();
        long t = System.nanoTime();
        List<Future<?>> all = new ArrayList<>();
        for (int k = 0; k < inFlight; k++) {
            all.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    Request req = new Request("POST", "/" + SeedDemo.INDEX + "/_bulk");
                    req.setEntity(new NByteArrayEntity(bodies.get(i), ContentType.create("application/x-ndjson")));
                    rest.performRequest(req);
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        long took = System.nanoTime() - t;
        double nodeCpu = node.cpuSeconds() - nodeCpuBefore;
        pool.shutdown();
        System.out.printf(Locale.ROOT, "  raw bulk, %d in flight: index refreshes %d%n", inFlight, refreshes(es));
        return new double[] {docs / (took / 1e9), 100 * nodeCpu / (took / 1e9)};
    }

    /**
     * Refreshes of the job's index so far, the node's own included: a partial update of a document written since the
     * last refresh makes the node refresh first (its realtime get), which the raw loader's index items never do.
     */
    private static long refreshes(EsNode es) {
        return es.http().get("/" + SeedDemo.INDEX + "/_stats/refresh").expectOk().json().path("_all").path("primaries")
                .path("refresh").path("total").asLong();
    }

    /**
     * Write-pool tasks the node completed: one per bulk request on a one-shard index (the job's index has one
     * shard), plus the few writes of index creation; {@code _stats/bulk} does not exist on 7.x.
     */
    private static long writeTasks(EsNode es) {
        long sum = 0;
        for (var node : es.http().get("/_nodes/stats/thread_pool").expectOk().json().path("nodes")) {
            sum += node.path("thread_pool").path("write").path("completed").asLong();
        }
        return sum;
    }

    private static double loadAverage() throws Exception {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private static String cpuModel() throws Exception {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
