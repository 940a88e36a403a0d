package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.SyncClient;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tablesync flink} on the seed's job file: the job runs on an embedded Flink MiniCluster with
 * parallelism 2 and follows changes of every kind and a shard split; killed and started again, it continues
 * from the positions its checkpoints wrote to the status table (it does not start over). And the job jar for a
 * cluster runs the job with nothing but Flink's jars and an SLF4J binding beside it, as on a cluster.
 */
class FlinkCommandIT {
    private static final String INDEX = "flink_command_it";

    @TempDir
    Path dir;

    @Test
    void runsTheJobOnAnEmbeddedMiniClusterAndResumesFromTheStatusTable() throws Exception {
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        try (TablestoreLocal ots = TablestoreLocal.start()) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            es.http().deleteIndex(INDEX);
            Path job = dir.resolve("job.json");
            Files.writeString(job, SeedDemo.seedJob(ots, es, INDEX));
            Workload work = new Workload(client, 11, 200);
            work.write(300);
            Map<String, String> env = Map.of("TABLESYNC_JVM_OPTS", "-Xms512m -Xmx512m");
            try (SyncProcess flink = SyncProcess.startCommand("flink", job, dir, "flink-1", env,
                    "--parallelism", "2", "--checkpoint-interval", "1s")) {
                SyncIT.awaitConverged(client, es, INDEX, flink);
                ots.splitShard(SeedDemo.TABLE, SyncIT.openShards(client).get(0).getShardId());
                work.write(300);
                SyncIT.awaitConverged(client, es, INDEX, flink);
                assertThat(flink.log()).contains("finished: everything read from it is written and checkpointed");
                flink.kill9();
            }
            work.write(300);
            try (SyncProcess flink = SyncProcess.startCommand("flink", job, dir, "flink-2", env, "--parallelism", "2")) {
                SyncIT.awaitConverged(client, es, INDEX, flink);
                assertThat(flink.log()).doesNotContain("starts at its oldest retained change");
            }
        }
    }

    @Test
    void theJobJarRunsTheJobWithOnlyFlinkBesideIt() throws Exception {
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        String index = INDEX + "_jar";
        try (TablestoreLocal ots = TablestoreLocal.start()) {
            SyncClient client = ots.syncClient();
            SeedDemo.createTable(client);
            es.http().deleteIndex(index);
            Path job = dir.resolve("jar-job.json");
            Files.writeString(job, SeedDemo.seedJob(ots, es, index));
            new Workload(client, 12, 100).write(200);
            Path dist = Path.of(System.getProperty("tablesync.dist"));
            // what a Flink cluster puts on a job's class path: its own jars and SLF4J with a binding (log4j there)
            List<String> classPath = new ArrayList<>(List.of(dist.resolve("flink/tablesync-flink-job.jar").toString(),
                    dist.resolve("lib/flink/*").toString()));
            try (Stream<Path> lib = Files.list(dist.resolve("lib"))) {
                lib.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("slf4j-api") || n.startsWith("logback-"))
                        .forEach(n -> classPath.add(dist.resolve("lib").resolve(n).toString()));
            }
            Path log = dir.resolve("job-jar.log");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-cp", String.join(File.pathSeparator, classPath), "io.tablesync.flink.FlinkJobMain",
                    "--job", job.toString(), "--parallelism", "2")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
                        .pollInterval(java.time.Duration.ofMillis(500))
                        .ignoreExceptionsMatching(OtsEsJobs::indexNotReady)
                        .untilAsserted(() -> assertThat(SeedDemo.documents(es.http(), index)).as(Files.readString(log))
                                .isEqualTo(SeedDemo.expectedDocuments(SeedDemo.readTable(client))));
            } finally {
                p.destroyForcibly().waitFor();
            }
        }
    }
}
