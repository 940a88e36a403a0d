package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The new user's path with real processes: an empty index, {@code sync --snapshot} while puts, partial
 * updates, column deletes and row deletes run, then {@code verify} while the sync still runs; a kill -9
 * in the middle of the copy (the restart copies only the unfinished ranges); a corrupted index reported
 * with exact counts and repaired by {@code verify --repair}. The table has 12,000 rows here (with 500-byte names,
 * so the copy runs in several 1 MB ranges, and more documents than one search page holds, so the independent
 * comparison pages); the 200,000-row scenario is the same test with {@code -Dtablesync.snapshot.rows=200000}
 * (the command is in BENCHMARKS.md).
 */
class SnapshotVerifyIT {
    /** The pipeline's line for a range whose rows are all written and checkpointed. */
    private static final Pattern FINISHED_RANGE = Pattern.compile("split (snapshot-range-\\d+) finished");
    static final int ROWS = Integer.getInteger("tablesync.snapshot.rows", 12_000);

    /** The copy: minutes at 200,000 rows. */
    private static final Duration COPY_WITHIN = Duration.ofSeconds(Math.max(300, ROWS / 200));

    /** Each comparison reads the whole table and index: a few seconds at 200,000 rows on a busy machine. */
    private static final Duration CONVERGE_WITHIN = Duration.ofSeconds(Math.max(90, ROWS / 1_000));

    @TempDir
    Path dir;

    private static void preload(SyncClient client, int rows) {
        String pad = "x".repeat(500);
        for (int from = 0; from < rows; from += 200) {
            BatchWriteRowRequest req = new BatchWriteRowRequest();
            for (int i = from; i < Math.min(rows, from + 200); i++) {
                RowPutChange put = new RowPutChange(SeedDemo.TABLE, SeedDemo.pk("k" + i));
                put.addColumn("name", ColumnValue.fromString("n" + i + pad));
                put.addColumn("phone", ColumnValue.fromString("p" + i));
                req.addRowChange(put);
            }
            if (!client.batchWriteRow(req).isAllSucceed()) {
                throw new IllegalStateException("preload failed");
            }
        }
    }

    /** Runs {@code bin/tablesync verify JOB args}; returns exit code and output. */
    private record Run(int exit, String output) {
    }

    private Run verify(Path job, String... args) throws IOException, InterruptedException {
        Path dist = Path.of(System.getProperty("tablesync.dist"));
        List<String> cmd = new ArrayList<>(List.of(dist.resolve("bin/tablesync").toString(), "verify", job.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("TABLESYNC_JVM_OPTS", "-Xms256m -Xmx256m");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(COPY_WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private Thread writes(SyncClient client, AtomicBoolean stop, long seed) {
        Workload work = new Workload(client, seed, ROWS);
        Thread t = new Thread(() -> {
            while (!stop.get()) {
                work.write(20);
            }
        }, "workload");
        t.start();
        return t;
    }

    @Test
    void snapshotWithChangesThenVerifyWhileSyncRunsThenCorruptAndRepair() throws Exception {
        String index = "snapshot_it";
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        try (TablestoreLocal ots = TablestoreLocal.start()) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            preload(client, ROWS);
            es.http().deleteIndex(index);
            Path job = dir.resolve("job.json");
            Files.writeString(job, SeedDemo.seedJob(ots, es, index));
            AtomicBoolean stop = new AtomicBoolean();
            Thread w = writes(client, stop, 21);
            try (SyncProcess sync = SyncProcess.start(job, dir, "snapshot", "--snapshot", "--status-interval", "2s")) {
                await().atMost(COPY_WITHIN).failFast("sync exited", () -> !sync.isAlive())
                        .until(() -> sync.log().contains("switching to the stream"));
                Thread.sleep(1_000); // changes after the seam, through the stream
                stop.set(true);
                w.join();
                SyncIT.awaitConverged(client, es, index, sync, CONVERGE_WITHIN); // ES equals the table, checked without verify
                assertThat(sync.log()).contains("recorded the stream positions").containsPattern("in \\d+ key range")
                        .contains("snapshot: range snapshot-range-0000 covers [uid=MIN .. uid=\"")
                        .containsPattern("snapshot: range snapshot-range-0000 \\[uid=MIN \\.\\. uid=\"k[^\"]+\"\\) copied: [\\d,]+ rows")
                        .contains("snapshot: the copy is complete").containsPattern("snapshot: [\\d,]+ of ~[\\d,]+ rows \\(100 %\\) copied");
                Run ok = verify(job);
                assertThat(ok.exit()).as(ok.output()).isEqualTo(0);
                assertThat(ok.output()).contains("missing: 0  extra: 0  different: 0").contains("result: EQUAL");
                assertThat(sync.terminate(Duration.ofSeconds(15))).as(sync.log()).isEqualTo(0);
            }
            // corrupt: 3 documents deleted, 2 changed, 2 that no row has
            List<String> ids = new ArrayList<>(new java.util.TreeSet<>(SeedDemo.documents(es.http(), index).keySet()));
            for (String id : ids.subList(0, 3)) {
                es.http().delete("/" + index + "/_doc/" + id).expectOk();
            }
            String changed = ids.get(3);
            es.http().post("/" + index + "/_update/" + changed, "{\"doc\":{\"name\":\"wrong\"}}").expectOk();
            es.http().post("/" + index + "/_update/" + ids.get(4), "{\"doc\":{\"phone\":\"wrong\"}}").expectOk();
            es.http().put("/" + index + "/_doc/zz1", "{\"name\":\"ghost\"}").expectOk();
            es.http().put("/" + index + "/_doc/zz2", "{\"name\":\"ghost\"}").expectOk();
            Run bad = verify(job, "--settle", "1ms");
            assertThat(bad.exit()).as(bad.output()).isEqualTo(1);
            assertThat(bad.output()).contains("missing: 3  extra: 2  different: 2").contains("extra     id=zz1")
                    .contains("different id=" + changed + ": name: table ");
            Run repair = verify(job, "--repair", "--settle", "1ms");
            assertThat(repair.exit()).as(repair.output()).isEqualTo(0);
            assertThat(repair.output()).contains("repaired: 7 (failed: 0)");
            Run again = verify(job);
            assertThat(again.exit()).as(again.output()).isEqualTo(0);
            es.http().refresh(index);
            assertThat(SeedDemo.documents(es.http(), index)).isEqualTo(SeedDemo.expectedDocuments(SeedDemo.readTable(client)));
        }
    }

    @Test
    void aKillDuringTheCopyResumesOnlyUnfinishedRanges() throws Exception {
        String index = "snapshot_kill_it";
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        try (TablestoreLocal ots = TablestoreLocal.start()) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            preload(client, ROWS);
            es.http().deleteIndex(index);
            Path job = dir.resolve("job.json");
            Files.writeString(job, SeedDemo.seedJob(ots, es, index));
            AtomicBoolean stop = new AtomicBoolean();
            Thread w = writes(client, stop, 22);
            List<String> finished = new ArrayList<>();
            try (SyncProcess sync = SyncProcess.start(job, dir, "first", "--snapshot", "--checkpoint-interval", "100ms")) {
                await().atMost(COPY_WITHIN).pollInterval(Duration.ofMillis(20))
                        .failFast("sync exited", () -> !sync.isAlive())
                        .until(() -> FINISHED_RANGE.matcher(sync.log()).find());
                sync.kill9();
                Matcher m = FINISHED_RANGE.matcher(sync.log());
                while (m.find()) {
                    finished.add(m.group(1));
                }
                assertThat(sync.log()).as("killed in the middle of the copy").doesNotContain("switching to the stream");
            }
            assertThat(finished).isNotEmpty();
            try (SyncProcess sync = SyncProcess.start(job, dir, "second", "--snapshot")) {
                await().atMost(COPY_WITHIN).failFast("sync exited", () -> !sync.isAlive())
                        .until(() -> sync.log().contains("switching to the stream"));
                stop.set(true);
                w.join();
                SyncIT.awaitConverged(client, es, index, sync, CONVERGE_WITHIN);
                assertThat(sync.log()).contains("resuming the copy");
                for (String range : finished) {
                    assertThat(sync.log()).as("finished range %s is not copied again", range)
                            .doesNotContain("reading split " + range + " ")
                            .containsPattern("snapshot: range " + range + " finished before \\([\\d,]+ rows\\): not copied again");
                }
                assertThat(sync.log()).containsPattern("snapshot: range snapshot-range-\\d+ resumes at \\[uid=");
                Run ok = verify(job);
                assertThat(ok.exit()).as(ok.output()).isEqualTo(0);
                assertThat(sync.terminate(Duration.ofSeconds(15))).as(sync.log()).isEqualTo(0);
            }
        }
    }
}
