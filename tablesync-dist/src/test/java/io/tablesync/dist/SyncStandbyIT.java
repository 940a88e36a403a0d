package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.SyncClient;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.elasticsearch.FaultProxy;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code sync} processes on one job: only the lease holder writes (each process reaches
 * Elasticsearch through its own proxy, which counts its bulk requests). Killed, the holder is
 * replaced at once; frozen (SIGSTOP) longer than the lease timeout, it is replaced after the timeout,
 * and once resumed it writes nothing more. Either way the index converges.
 */
class SyncStandbyIT {
    private static final String INDEX = "sync_standby_it";
    private static final String LEASE_TIMEOUT = "6s";

    @TempDir
    Path dir;

    @Test
    void onlyTheLeaseHolderWritesAndTheStandbyTakesOver() throws Exception {
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        try (TablestoreLocal ots = TablestoreLocal.start(); FaultProxy proxyA = FaultProxy.start(es);
             FaultProxy proxyB = FaultProxy.start(es); FaultProxy proxyC = FaultProxy.start(es)) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            es.http().deleteIndex(INDEX);
            String job = SeedDemo.seedJob(ots, es, INDEX);
            Path jobA = write("a.json", job.replace(es.url(), proxyA.url()));
            Path jobB = write("b.json", job.replace(es.url(), proxyB.url()));
            Path jobC = write("c.json", job.replace(es.url(), proxyC.url()));
            Workload work = new Workload(client, 11, 300);
            work.write(200);

            try (SyncProcess a = SyncProcess.start(jobA, dir, "a", "--lease-timeout", LEASE_TIMEOUT)) {
                assertThat(a.awaitLog("is the active writer", Duration.ofSeconds(60))).as(a.log()).isTrue();
                try (SyncProcess b = SyncProcess.start(jobB, dir, "b", "--lease-timeout", LEASE_TIMEOUT);
                     SyncProcess c = SyncProcess.start(jobC, dir, "c", "--lease-timeout", LEASE_TIMEOUT)) {
                assertThat(b.awaitLog("standby", Duration.ofSeconds(60))).as(b.log()).isTrue();
                assertThat(c.awaitLog("standby", Duration.ofSeconds(60))).as(c.log()).isTrue();
                SyncIT.awaitConverged(client, es, INDEX, a);
                work.write(200);
                SyncIT.awaitConverged(client, es, INDEX, a);
                assertThat(proxyA.bulkRequests()).isNotEmpty();
                assertThat(proxyB.bulkRequests()).as("a standby writes nothing").isEmpty();
                assertThat(proxyC.bulkRequests()).as("a standby writes nothing").isEmpty();

                // killed during writes: a standby takes over at once (the holder's process is gone)
                CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> work.write(600));
                Thread.sleep(300);
                a.kill9();
                writes.get();
                SyncProcess next = b.awaitLog("is the active writer", Duration.ofSeconds(30)) ? b : c;
                SyncProcess other = next == b ? c : b;
                FaultProxy nextProxy = next == b ? proxyB : proxyC;
                FaultProxy otherProxy = next == b ? proxyC : proxyB;
                SyncIT.awaitConverged(client, es, INDEX, next);
                assertThat(otherProxy.bulkRequests()).isEmpty();

                // frozen longer than the lease timeout: the last standby takes over after the timeout
                next.signal("STOP");
                long frozenAt = System.nanoTime();
                work.write(300);
                assertThat(other.awaitLog("is the active writer", Duration.ofSeconds(60))).as(other.log()).isTrue();
                long tookOverAfterMs = (System.nanoTime() - frozenAt) / 1_000_000;
                int before = nextProxy.bulkRequests().size();
                next.signal("CONT");
                work.write(300);
                SyncIT.awaitConverged(client, es, INDEX, other);
                assertThat(next.awaitLog("lost the job's lease", Duration.ofSeconds(30))).as(next.log()).isTrue();
                Thread.sleep(1000);
                assertThat(nextProxy.bulkRequests()).as("the resumed old holder sends nothing").hasSize(before);
                System.out.println("standby took over " + tookOverAfterMs + " ms after the holder froze (lease timeout "
                        + LEASE_TIMEOUT + "); " + work);
                assertThat(SeedDemo.documents(es.http(), INDEX)).isEqualTo(SeedDemo.expectedDocuments(SeedDemo.readTable(client)));
                }
            } finally {
                client.shutdown();
            }
        }
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
