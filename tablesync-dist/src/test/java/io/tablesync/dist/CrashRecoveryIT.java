package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.DeleteRowRequest;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import com.alicloud.openservices.tablestore.model.UpdateRowRequest;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN.md invariant 1 on the real pipeline: windows of random puts, partial updates, column
 * deletes and row deletes; the first run of each window is killed with SIGKILL at a different
 * moment, then the window is run again (as a scheduler retries a failed run), and the next window
 * continues from its checkpoints. Afterwards every document equals its row and no deleted row has
 * a document: nothing lost, nothing resurrected, nothing stale.
 */
class CrashRecoveryIT {
    private static final String INDEX = "crash_recovery_it";
    private static final long SEED = Long.getLong("crash.seed", 20261123L);

    @TempDir
    Path dir;

    // Nodes are shared with SeedJobIT and stopped at JVM exit (EsNodes).
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tablesync.testkit.elasticsearch.EsDistribution#selected")
    void killNineAtDifferentMomentsThenRerunConverges(EsDistribution dist) throws Exception {
        EsNode es = EsNodes.shared(dist);
        Random random = new Random(SEED);
        long[] killAfterMillis = {0, 900, 1600, 2600};
        List<String> outcomes = new ArrayList<>();
        try (TablestoreLocal ots = TablestoreLocal.start()) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            es.http().deleteIndex(INDEX);
            // Small bulks so a run spends its time in many requests and the kills land mid-window.
            Path job = dir.resolve("job.json");
            Files.writeString(job, SeedDemo.seedJob(ots, es, INDEX).replace("\"batchSize\": 100", "\"batchSize\": 10"));

            long windowStart = System.currentTimeMillis() - 1;
            for (long killAfter : killAfterMillis) {
                writeRandomChanges(client, random, 1200);
                Thread.sleep(5);
                long windowEnd = System.currentTimeMillis();
                Process killed = start(job, windowStart, windowEnd);
                Thread.sleep(killAfter);
                killed.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no checkpoint
                killed.waitFor(30, TimeUnit.SECONDS);
                Process rerun = start(job, windowStart, windowEnd);
                assertThat(rerun.waitFor(120, TimeUnit.SECONDS)).isTrue();
                String log = Files.readString(dir.resolve("run-" + rerun.pid() + ".log"));
                assertThat(rerun.exitValue()).as(log).isEqualTo(0);
                outcomes.add("killed after " + killAfter + " ms: exit " + killed.exitValue());
                windowStart = windowEnd;
            }
            var expected = SeedDemo.expectedDocuments(SeedDemo.readTable(client));
            var actual = SeedDemo.documents(es.http(), INDEX);
            assertThat(actual).as("seed %d, %s", SEED, outcomes).isEqualTo(expected);
            assertThat(outcomes).as("at least one run really died mid-window").anyMatch(o -> o.endsWith("exit 137"));
        }
    }

    private Process start(Path job, long start, long end) throws Exception {
        Path dist = Path.of(System.getProperty("tablesync.dist"));
        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/tablesync").toString(), "run", job.toString(),
                "-Dstart_time=" + start, "-Dend_time=" + end, "-DAFTER_OFFSET_TIME_MILLIS=0");
        pb.environment().put("TABLESYNC_JVM_OPTS", "-Xms256m -Xmx256m");
        pb.redirectErrorStream(true);
        Process p = pb.redirectOutput(dir.resolve("run-pending.log").toFile()).start();
        Files.move(dir.resolve("run-pending.log"), dir.resolve("run-" + p.pid() + ".log"));
        return p;
    }

    /** Puts, partial updates of either column, column deletes and row deletes on a small key space. */
    private static void writeRandomChanges(SyncClient client, Random random, int count) {
        for (int i = 0; i < count; i++) {
            String uid = "k" + random.nextInt(150);
            int op = random.nextInt(100);
            if (op < 40) {
                SeedDemo.put(client, uid, "n" + random.nextInt(1000), "p" + random.nextInt(1000));
            } else if (op < 85) {
                RowUpdateChange c = new RowUpdateChange(SeedDemo.TABLE, SeedDemo.pk(uid));
                if (op < 60) {
                    c.put("name", ColumnValue.fromString("n" + random.nextInt(1000)));
                } else if (op < 75) {
                    c.put("phone", ColumnValue.fromString("p" + random.nextInt(1000)));
                } else {
                    c.deleteColumns("phone");
                }
                client.updateRow(new UpdateRowRequest(c));
            } else {
                client.deleteRow(new DeleteRowRequest(new RowDeleteChange(SeedDemo.TABLE, SeedDemo.pk(uid))));
            }
        }
    }
}
