package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.SyncClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release as a user gets it: {@code tablesync-<version>.tar.gz} unpacked into an empty directory
 * outside the source tree and run from there, with Java only (no Maven, no source tree): --version,
 * {@code check}, then a short {@code sync} against tablestore-local and a real Elasticsearch. The
 * Tablestore secret comes from an environment variable only: it is in no process argument ({@code ps})
 * and in no log file, and the JSON log lines the service option writes are JSON.
 */
class ReleaseTarballIT {
    private static final Path TARBALL = Path.of(System.getProperty("tablesync.tarball",
            "target/tablesync-" + System.getProperty("tablesync.version") + ".tar.gz"));
    private static final String VERSION = System.getProperty("tablesync.version");
    private static final String TABLE = "release_table";
    private static final String INDEX = "release_it";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Result(int exitCode, String output) {
    }

    @Test
    void unpackedTarballChecksAndSyncsWithTheSecretOnlyInTheEnvironment() throws Exception {
        Path source = Path.of("").toAbsolutePath().getParent();
        assertThat(dir.toAbsolutePath().startsWith(source)).as("unpacked outside the source tree " + source).isFalse();
        assertThat(run(dir, List.of("tar", "xzf", TARBALL.toAbsolutePath().toString()), Map.of()).exitCode()).isZero();
        Path home = dir.resolve("tablesync-" + VERSION);
        for (String f : List.of("bin/tablesync", "bin/datax.py", "conf/logback.xml", "conf/core.json", "conf/tablesync.service",
                "job/ots2es.json", "README.md", "THIRD-PARTY.txt")) {
            assertThat(home.resolve(f)).as(f).isRegularFile();
        }
        assertThat(home.resolve("bin/tablesync")).isExecutable();
        assertThat(Files.readString(home.resolve("THIRD-PARTY.txt"))).contains("(com.fasterxml.jackson.core:jackson-databind:")
                .contains("(com.aliyun.openservices:tablestore:").contains("(org.elasticsearch.client:elasticsearch-rest-client:");
        assertThat(Files.readString(home.resolve("conf/tablesync.service"))).contains("Restart=on-failure")
                .contains("EnvironmentFile=").contains("TimeoutStopSec=");

        Result version = run(home, List.of(home.resolve("bin/tablesync").toString(), "--version"), Map.of());
        assertThat(version.exitCode()).isZero();
        assertThat(version.output()).containsPattern("tablesync " + VERSION.replace(".", "\\.") + " \\(commit [0-9a-f]{7,40}(-dirty)?\\)");

        String secret = "release-it-" + UUID.randomUUID();
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        es.http().deleteIndex(INDEX);
        try (TablestoreLocal ots = TablestoreLocal.start(b -> b.credentials("release-it-id", secret))) {
            SyncClient client = ots.syncClient();
            OtsEsJobs.createTable(client, TABLE, 24);
            Path job = home.resolve("job/release.json");
            Files.writeString(job, OtsEsJobs.job(ots, es, TABLE, INDEX));
            Map<String, String> env = Map.of(OtsEsJobs.SECRET_VARIABLE, secret);
            List<String> tablesBefore = client.listTable().getTableNames();

            Result check = run(home, List.of(home.resolve("bin/tablesync").toString(), "check", "job/release.json"), env);
            assertThat(check.output()).contains("✓ Tablestore credentials").contains("✓ stream of " + TABLE)
                    .contains("✓ Elasticsearch version: Elasticsearch " + es.serverVersion())
                    .contains("ready: sync would run this job").doesNotContain("✗");
            assertThat(check.exitCode()).as(check.output()).isZero();
            assertThat(client.listTable().getTableNames()).as("check created no table").isEqualTo(tablesBefore);
            assertThat(es.http().head("/" + INDEX).status()).as("check created no index").isEqualTo(404);

            OtsEsJobs.putRows(client, TABLE, 0, 20);
            Map<String, String> syncEnv = Map.of(OtsEsJobs.SECRET_VARIABLE, secret, "TABLESYNC_LOG_FORMAT", "json");
            try (SyncProcess sync = SyncProcess.startIn(home, dir, "release-sync", syncEnv,
                    List.of("sync", "job/release.json", "--status-interval", "1s"))) {
                OtsEsJobs.awaitConverged(client, TABLE, es, INDEX, sync::isAlive, sync::log);
                OtsEsJobs.putRows(client, TABLE, 20, 30);
                OtsEsJobs.awaitConverged(client, TABLE, es, INDEX, sync::isAlive, sync::log);
                String args = processArguments(sync.pid());
                assertThat(args).as("the sync process's arguments").contains("io.tablesync.cli.Main sync job/release.json")
                        .doesNotContain(secret);
                assertThat(sync.terminate(Duration.ofSeconds(30))).as(sync.log()).isZero();
                assertThat(sync.log()).doesNotContain(secret);
            }
            assertThat(check.output()).doesNotContain(secret);
        }

        List<Path> logs = files(home.resolve("log"));
        assertThat(logs).extracting(p -> p.getFileName().toString()).contains("tablesync-check.log", "tablesync-sync.log");
        for (Path log : logs) {
            assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).as(log.toString()).doesNotContain(secret);
        }
        List<String> lines = Files.readAllLines(home.resolve("log/tablesync-sync.log"));
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.has("time") && event.has("level") && event.has("message")).as(line).isTrue();
        }
        assertThat(lines).anyMatch(l -> l.contains("stopped on request"));
    }

    /** What {@code ps} shows of a process: its command line. */
    private static String processArguments(long pid) throws Exception {
        Result ps = run(Path.of("."), List.of("ps", "-ww", "-o", "args=", "-p", String.valueOf(pid)), Map.of());
        assertThat(ps.exitCode()).isZero();
        String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
        return ps.output() + "\n" + cmdline;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).toList());
        }
    }

    private static Result run(Path workDir, List<String> command, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile("release-it-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().put("TABLESYNC_JVM_OPTS", "-Xms64m -Xmx256m -XX:TieredStopAtLevel=1");
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish:\n" + Files.readString(out));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
