package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.SyncClient;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsLauncher;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.elasticsearch.FaultProxy;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md invariant 1 for {@code sync}: a random workload (puts, partial updates, column deletes,
 * row deletes, hot keys; 20,000 changes over 4 shards, one shard split and its children merged
 * while it runs; 8,000 in the Elasticsearch fault variants) is followed by a real {@code bin/tablesync sync} process that is killed with
 * SIGKILL at random moments and restarted; once caught up every document equals its row field by
 * field and no deleted row has a document. The same with Elasticsearch restarted in the middle, and
 * while it answers 429 and 503 for a while. Each restart reports how many records it reads again.
 */
class SyncCrashIT {
    private static final String INDEX = "sync_crash_it";
    private static final long SEED = Long.getLong("crash.seed", 20261202L);
    private static final int CHANGES = 20_000;
    /** The Elasticsearch fault variants need fewer changes to be meaningful: the faults are what they test. */
    private static final int FAULT_CHANGES = 8_000;
    private static final int WRITERS = 4;
    private static final String READY = "is the active writer";

    @TempDir
    Path dir;

    @Test
    void killNineAtRandomMomentsWhileShardsSplitAndMerge() throws Exception {
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        run(es.url(), es, CHANGES, 6, () -> { });
    }

    @Test
    void elasticsearchRestartedInTheMiddle() throws Exception {
        // a node of its own: the shared one serves other test classes running at the same time
        try (EsNode es = EsLauncher.start(EsDistribution.ES_8, false)) {
            run(es.url(), es, FAULT_CHANGES, 2, es::restart); // while it is down, sync retries, then starts over from its checkpoints
        }
    }

    @Test
    void rejectionsAndUnavailabilityOfElasticsearchAreRiddenOut() throws Exception {
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        try (FaultProxy proxy = FaultProxy.start(es)) {
            run(proxy.url(), es, FAULT_CHANGES, 2, () -> {
                proxy.failRequests("/_bulk", 15, 429); // overloaded
                proxy.failRequests("/_bulk", 10, 503); // then unavailable
            });
        }
    }

    /** Writes the workload while killing and restarting sync {@code kills} times; then checks convergence. */
    private void run(String esUrl, EsNode es, int changes, int kills, Runnable afterSplit) throws Exception {
        Random random = new Random(SEED + kills);
        List<String> report = new ArrayList<>();
        try (TablestoreLocal ots = TablestoreLocal.start()) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            es.http().deleteIndex(INDEX);
            Path job = dir.resolve("job.json");
            // smaller bulks (more requests to land kills and faults in); retry pauses capped at 2 s
            Files.writeString(job, SeedDemo.seedJob(ots, es, INDEX).replace(es.url(), esUrl)
                    .replace("\"batchSize\": 100", "\"batchSize\": 50, \"tryInterval\": 2000"));
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            CompletableFuture<String> writes = CompletableFuture.supplyAsync(() -> writeWorkload(ots, client, changes, afterSplit, pool),
                    pool);
            SyncProcess sync = start(job, 0);
            try {
                for (int k = 1; k <= kills; k++) {
                    // generous: a restart may land while Elasticsearch itself restarts, which takes minutes on a loaded machine
                    assertThat(sync.awaitLog(READY, Duration.ofSeconds(240))).as(sync.log()).isTrue();
                    long alive = 500 + random.nextInt(4000);
                    Thread.sleep(alive);
                    sync.kill9();
                    long reRead = ReplayMeter.reReadAfterKill(client, SeedDemo.TABLE, "TableStoreStreamReaderStatusTable",
                            System.currentTimeMillis());
                    report.add("kill " + k + " (SIGKILL " + alive + " ms after it became the active writer"
                            + (writes.isDone() ? ", writes done" : ", writes running") + "): "
                            + (reRead < 0 ? "no checkpoint committed yet: the restart starts over"
                                    : "the restart reads " + reRead + " records again"));
                    sync.close();
                    Thread.sleep(random.nextInt(1000));
                    sync = start(job, k);
                }
                report.add(writes.get());
                // the last restart may find everything converged already: it must be up before it is asked to stop
                assertThat(sync.awaitLog(READY, Duration.ofSeconds(240))).as(sync.log()).isTrue();
                SyncIT.awaitConverged(client, es, INDEX, sync);
                assertThat(sync.terminate(Duration.ofSeconds(15))).as(sync.log()).isEqualTo(0);
            } finally {
                sync.close();
                pool.shutdownNow();
                client.shutdown();
                System.out.println("seed " + SEED + ", " + kills + " kills:");
                report.forEach(line -> System.out.println("  " + line));
            }
        }
    }

    private SyncProcess start(Path job, int n) {
        return SyncProcess.start(job, dir, "sync-" + n, "--status-interval", "5s", "--lease-timeout", "5s");
    }

    /** {@value #WRITERS} writers on disjoint keys; a shard split after a third, its children merged after two thirds. */
    private static String writeWorkload(TablestoreLocal ots, SyncClient client, int changes, Runnable afterSplit,
                                        ExecutorService pool) {
        List<Workload> workloads = new ArrayList<>();
        List<SyncClient> clients = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            SyncClient c = ots.syncClient();
            clients.add(c);
            workloads.add(new Workload(c, SEED + i, 500, "w" + i + "-"));
        }
        try {
            writeInParallel(pool, workloads, changes / 3 / WRITERS);
            List<String> children = ots.splitShard(SeedDemo.TABLE, SyncIT.openShards(client).get(0).getShardId());
            afterSplit.run();
            writeInParallel(pool, workloads, changes / 3 / WRITERS);
            ots.mergeShards(SeedDemo.TABLE, children.get(0), children.get(1));
            writeInParallel(pool, workloads, (changes - 2 * (changes / 3)) / WRITERS);
            long total = workloads.stream().mapToLong(Workload::total).sum();
            return total + " changes by " + WRITERS + " writers, e.g. writer 0: " + workloads.get(0);
        } finally {
            clients.forEach(SyncClient::shutdown);
        }
    }

    private static void writeInParallel(ExecutorService pool, List<Workload> workloads, int each) {
        CompletableFuture.allOf(workloads.stream()
                .map(w -> CompletableFuture.runAsync(() -> w.write(each), pool)).toArray(CompletableFuture[]::new)).join();
    }
}
