package io.tablesync.testkit.demo;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.DeleteRowRequest;
import com.alicloud.openservices.tablestore.model.DescribeStreamRequest;
import com.alicloud.openservices.tablestore.model.ListStreamRequest;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import com.alicloud.openservices.tablestore.model.UpdateRowRequest;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./demo.sh}: the seed's job file run continuously. tablestore-local and a real Elasticsearch
 * start, {@code bin/tablesync sync} follows the table while rows are written, partially updated,
 * deleted and have columns deleted, and while a shard splits; each step is checked (every document
 * equals its row), and the write→searchable latency is measured. Then the three keep running for the
 * user to play with, or everything stops ({@code --exit}, what tests use).
 */
public final class ContinuousDemo {
    private static final long CONVERGE_MILLIS = 60_000;

    private final Path dist;
    private final EsDistribution distribution;
    private final PrintStream out;
    private final String index;

    /** What the demo saw. */
    public record Outcome(boolean converged, SearchLatency.Stats latency, int syncExitCode) {
    }

    public ContinuousDemo(Path dist, EsDistribution distribution, PrintStream out) {
        this(dist, distribution, out, SeedDemo.INDEX);
    }

    /** With the documents in {@code index} instead of the guide's (tests that share a node use their own). */
    public ContinuousDemo(Path dist, EsDistribution distribution, PrintStream out, String index) {
        this.dist = dist;
        this.distribution = distribution;
        this.out = out;
        this.index = index;
    }

    /** Runs the scenario; with {@code stay} it then blocks, leaving everything running, until the JVM is stopped. */
    public Outcome run(Path workDir, boolean stay) throws Exception {
        EsNode es = EsNodes.shared(distribution);
        out.println("== Elasticsearch " + es.serverVersion() + " at " + es.url());
        TablestoreLocal ots = TablestoreLocal.start(b -> b.port(freeOr(8600)));
        Process sync = null;
        try {
            out.println("== tablestore-local at " + ots.endpoint() + " instance " + ots.instance() + " (AccessKeyId "
                    + ots.accessKeyId() + ")");
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            es.http().deleteIndex(index);
            out.println("== table " + SeedDemo.TABLE + " (primary key uid, stream on, " + shards(client).size() + " shards)");

            Path job = workDir.resolve("job_config.json");
            Files.writeString(job, SeedDemo.seedJob(ots, es, index), StandardCharsets.UTF_8);
            Path log = workDir.resolve("sync.log");
            out.println("== the seed's job file, endpoints pointed here: " + job);
            List<String> cmd = List.of(dist.resolve("bin/tablesync").toString(), "sync", job.toString(), "--status-interval", "10s");
            out.println("== " + String.join(" ", cmd) + "   (log: " + log + ")");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putIfAbsent("TABLESYNC_JVM_OPTS", "-Xms256m -Xmx256m");
            sync = pb.start();
            awaitLog(log, "is the active writer", sync);
            out.println("== sync is running: it follows the stream from its oldest retained change");

            boolean ok = step("puts, partial updates, a deleted column, a deleted row", client, es, sync,
                    () -> writeChanges(client));
            String parent = shards(client).get(0);
            List<String> children = ots.splitShard(SeedDemo.TABLE, parent);
            Random random = new Random(1);
            ok &= step("shard " + parent + " split into " + children + ", then 300 random changes", client, es, sync,
                    () -> randomChanges(client, random, 300));
            SearchLatency.Stats latency = measureLatency(client, es);
            out.println("== write -> searchable in Elasticsearch (refresh_interval 1 s): " + latency);
            out.println(ok ? "== OK: Elasticsearch followed every change; every document equals its Tablestore row."
                    : "== FAILED: see the mismatches above and " + log);
            if (stay) {
                printPlayground(ots, es, log);
                Process running = sync;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(running)));
                sync.waitFor();
                return new Outcome(ok, latency, sync.exitValue());
            }
            int exit = stop(sync);
            out.println("== sync stopped (SIGTERM): exit code " + exit);
            return new Outcome(ok, latency, exit);
        } finally {
            if (sync != null && sync.isAlive()) {
                sync.destroyForcibly();
            }
            ots.close();
        }
    }

    private boolean step(String what, SyncClient client, EsNode es, Process sync, Runnable changes) throws Exception {
        out.println("== " + what);
        changes.run();
        long start = System.currentTimeMillis();
        Map<String, String> mismatches = Map.of();
        while (System.currentTimeMillis() - start < CONVERGE_MILLIS && sync.isAlive()) {
            mismatches = mismatches(client, es);
            if (mismatches.isEmpty()) {
                Map<String, Map<String, String>> table = SeedDemo.readTable(client);
                out.printf("   Elasticsearch followed within %.1f s: %d rows = %d documents, field by field%n",
                        (System.currentTimeMillis() - start) / 1000.0, table.size(), table.size());
                return true;
            }
            Thread.sleep(100);
        }
        out.println("   MISMATCH after " + CONVERGE_MILLIS / 1000 + " s: " + mismatches);
        return false;
    }

    private Map<String, String> mismatches(SyncClient client, EsNode es) {
        Map<String, Map<String, String>> expected = SeedDemo.expectedDocuments(SeedDemo.readTable(client));
        Map<String, Map<String, String>> docs;
        try {
            docs = SeedDemo.documents(es.http(), index);
        } catch (RuntimeException e) {
            return Map.of("index", "not there yet");
        }
        Map<String, String> out = new TreeMap<>();
        expected.forEach((id, row) -> {
            if (!row.equals(docs.get(id))) {
                out.put(id, "row " + row + " vs document " + docs.get(id));
            }
        });
        docs.keySet().stream().filter(id -> !expected.containsKey(id)).forEach(id -> out.put(id, "document of a deleted row"));
        return out;
    }

    private void writeChanges(SyncClient client) {
        SeedDemo.put(client, "u1", "Alice", "111");
        SeedDemo.put(client, "u2", "Bob", "222");
        SeedDemo.put(client, "u3", "Carol", "333");
        SeedDemo.put(client, "u4", "Dave", "444");
        update(client, "u1", c -> c.put("phone", ColumnValue.fromString("999"))); // name must survive
        update(client, "u2", c -> c.deleteColumns("phone"));                       // the field must go
        client.deleteRow(new DeleteRowRequest(new RowDeleteChange(SeedDemo.TABLE, SeedDemo.pk("u3")))); // the document must go
        update(client, "u4", c -> c.put("name", ColumnValue.fromString("David")));
    }

    private static void update(SyncClient client, String uid, java.util.function.Consumer<RowUpdateChange> change) {
        RowUpdateChange c = new RowUpdateChange(SeedDemo.TABLE, SeedDemo.pk(uid));
        change.accept(c);
        client.updateRow(new UpdateRowRequest(c));
    }

    private static void randomChanges(SyncClient client, Random random, int n) {
        for (int i = 0; i < n; i++) {
            String uid = "r" + random.nextInt(60);
            int op = random.nextInt(10);
            if (op < 5) {
                SeedDemo.put(client, uid, "n" + random.nextInt(1000), "p" + random.nextInt(1000));
            } else if (op < 8) {
                update(client, uid, c -> c.put("name", ColumnValue.fromString("n" + random.nextInt(1000))));
            } else if (op < 9) {
                update(client, uid, c -> c.deleteColumns("phone"));
            } else {
                client.deleteRow(new DeleteRowRequest(new RowDeleteChange(SeedDemo.TABLE, SeedDemo.pk(uid))));
            }
        }
    }

    /** 300 puts at about 50 per second, each timed from Tablestore's answer until a search finds it. */
    private SearchLatency.Stats measureLatency(SyncClient client, EsNode es) throws InterruptedException {
        try (SearchLatency probe = new SearchLatency(es.http(), index)) {
            for (int i = 0; i < 300; i++) {
                String uid = "lat" + i;
                String name = "latency-" + i;
                SeedDemo.put(client, uid, name, "0");
                probe.written(uid, "name", name, System.nanoTime());
                Thread.sleep(20);
            }
            return probe.await(30_000);
        }
    }

    private void printPlayground(TablestoreLocal ots, EsNode es, Path log) {
        String bin = dist.resolve("bin/tablesync").toString();
        out.println();
        out.println("== Still running — try it (Ctrl-C stops all three):");
        out.println("   tablestore-local  " + ots.endpoint() + "  instance " + ots.instance());
        out.println("   Elasticsearch     " + es.url() + "  index " + index);
        out.println("   sync log          " + log);
        String at = ots.endpoint().endsWith(":8600") ? "" : " --endpoint " + ots.endpoint();
        out.println("   " + bin + " ots put" + at + " " + SeedDemo.TABLE + " uid=u9 name=Zoe phone=123");
        out.println("   " + bin + " ots update" + at + " " + SeedDemo.TABLE + " uid=u9 --delete-column phone");
        out.println("   curl -s '" + es.url() + "/" + index + "/_doc/u9?pretty'");
    }

    private static int stop(Process sync) throws InterruptedException {
        sync.destroy();
        if (!sync.waitFor(20, TimeUnit.SECONDS)) {
            sync.destroyForcibly();
            return -1;
        }
        return sync.exitValue();
    }

    private static void stopQuietly(Process sync) {
        try {
            stop(sync);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitLog(Path log, String text, Process sync) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!sync.isAlive()) {
                throw new IllegalStateException("sync exited with " + sync.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("sync did not start within 120 s:\n" + Files.readString(log));
    }

    private static List<String> shards(SyncClient client) {
        String streamId = client.listStream(new ListStreamRequest(SeedDemo.TABLE)).getStreams().get(0).getStreamId();
        return client.describeStream(new DescribeStreamRequest(streamId)).getShards().stream()
                .map(s -> s.getShardId()).toList();
    }

    private static int freeOr(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return port;
        } catch (IOException e) {
            return 0;
        }
    }
}
