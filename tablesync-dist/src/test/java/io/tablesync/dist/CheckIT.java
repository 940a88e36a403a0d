package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tablesync check} on broken configurations, one at a time: each prints the ✗ of what is
 * broken (and only then exits 1), and none creates anything — no table in Tablestore (the status
 * table included), no index in Elasticsearch. The same job unbroken passes every item.
 */
class CheckIT {
    private static final Path DIST = Path.of(System.getProperty("tablesync.dist", "target/tablesync"));
    private static final String TABLE = "check_table";
    private static final String INDEX = "check_it";

    @TempDir
    Path dir;

    record Result(int exitCode, String output) {
    }

    /** A broken variant of the good job: how it is broken, and the ✗ line it must print. */
    record Broken(String name, UnaryOperator<String> edit, Map<String, String> env, String expected) {
    }

    @Test
    void eachBrokenConfigurationPrintsItsCrossExitsOneAndCreatesNothing() throws Exception {
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        es.http().deleteIndex(INDEX);
        es.http().deleteIndex("check_conflict");
        es.http().put("/check_conflict", "{\"mappings\":{\"properties\":{\"phone\":{\"type\":\"long\"}}}}").expectOk();
        int closedPort = closedPort();
        try (TablestoreLocal ots = TablestoreLocal.start()) {
            SyncClient client = ots.syncClient();
            OtsEsJobs.createTable(client, TABLE, 24);
            OtsEsJobs.createTable(client, "check_no_stream", null);
            OtsEsJobs.createTable(client, "check_short_stream", 6);
            TableMeta wrongKey = new TableMeta("check_bad_status");
            wrongKey.addPrimaryKeyColumn(new PrimaryKeySchema("id", PrimaryKeyType.STRING));
            client.createTable(new CreateTableRequest(wrongKey, new TableOptions(-1, 1)));
            String good = OtsEsJobs.job(ots, es, TABLE, INDEX);
            Map<String, String> secret = Map.of(OtsEsJobs.SECRET_VARIABLE, ots.accessKeySecret());
            String startTwoDaysAgo = "-Dstart_time=" + (System.currentTimeMillis() - TimeUnit.HOURS.toMillis(48));

            List<Broken> broken = List.of(
                    new Broken("tablestore-unreachable", j -> j.replace(ots.endpoint(), "http://127.0.0.1:" + closedPort), secret,
                            "✗ Tablestore reachable: Cannot reach Tablestore at http://127.0.0.1:" + closedPort),
                    new Broken("elasticsearch-unreachable", j -> j.replace(es.url(), "http://127.0.0.1:" + closedPort), secret,
                            "✗ Elasticsearch reachable: GET / to http://127.0.0.1:" + closedPort + " failed"),
                    new Broken("wrong-secret", j -> j, Map.of(OtsEsJobs.SECRET_VARIABLE, "not-the-secret"),
                            "✗ Tablestore credentials: rejected"),
                    new Broken("secret-variable-unset", j -> j, Map.of(),
                            "✗ job file: "),
                    new Broken("table-missing", j -> j.replace("\"" + TABLE + "\"", "\"check_no_such_table\""), secret,
                            "✗ table check_no_such_table: does not exist"),
                    new Broken("stream-off", j -> j.replace("\"" + TABLE + "\"", "\"check_no_stream\""), secret,
                            "✗ stream of check_no_stream: not enabled"),
                    new Broken("retention-too-short", j -> j.replace("\"" + TABLE + "\"", "\"check_short_stream\""), secret,
                            "✗ stream of check_short_stream: enabled, but it keeps changes for 6 h only"),
                    new Broken("start-before-retention", j -> j, secret,
                            "✗ stream of " + TABLE + ": keeps changes for 24 h, but the job starts at"),
                    new Broken("status-table-wrong-key", j -> j.replace("\"TableStoreStreamReaderStatusTable\"", "\"check_bad_status\""),
                            secret, "✗ status table check_bad_status: exists but cannot hold checkpoints"),
                    new Broken("mapping-incompatible", j -> j.replace("\"index\": \"" + INDEX + "\"", "\"index\": \"check_conflict\""),
                            secret, "✗ mapping of check_conflict: incompatible with the job's columns: phone is long in the index,"
                            + " the job maps it as text"),
                    new Broken("writer-parameter", j -> j.replace("\"batchSize\": 100", "\"batchSize\": 0"), secret,
                            "✗ job file: "));

            List<String> tablesBefore = new ArrayList<>(new TreeSet<>(client.listTable().getTableNames()));
            String indicesBefore = indices(es);
            Result ok = check(write("good", good), secret);
            assertThat(ok.output()).doesNotContain("✗").contains("✓ status table TableStoreStreamReaderStatusTable: does not exist yet")
                    .contains("✓ index " + INDEX + ": does not exist yet");
            assertThat(ok.exitCode()).as(ok.output()).isZero();

            List<String> problems = new ArrayList<>();
            Map<String, String> outputs = new LinkedHashMap<>();
            for (Broken b : broken) {
                Result r = check(write(b.name(), b.edit().apply(good)), b.env(),
                        b.name().equals("start-before-retention") ? List.of(startTwoDaysAgo) : List.of());
                outputs.put(b.name(), r.output());
                if (r.exitCode() != 1) {
                    problems.add(b.name() + ": exit code " + r.exitCode());
                }
                if (!r.output().contains(b.expected())) {
                    problems.add(b.name() + ": no \"" + b.expected() + "\"");
                }
                if (!r.output().contains("NOT READY")) {
                    problems.add(b.name() + ": not marked NOT READY");
                }
                if (r.output().contains("at io.") || r.output().contains("at com.")) {
                    problems.add(b.name() + ": stack trace");
                }
                if (r.output().contains(ots.accessKeySecret()) || r.output().contains("not-the-secret")) {
                    problems.add(b.name() + ": printed a secret");
                }
            }
            assertThat(problems).as(String.join("\n", problems) + "\n" + outputs).isEmpty();
            // what to do is said under each cross
            assertThat(outputs.get("stream-off")).contains("→ enable Stream on the table");
            assertThat(outputs.get("secret-variable-unset")).contains(OtsEsJobs.SECRET_VARIABLE);
            assertThat(outputs.get("writer-parameter")).contains("batchSize");

            assertThat(new ArrayList<>(new TreeSet<>(client.listTable().getTableNames()))).as("tables after every check")
                    .isEqualTo(tablesBefore);
            assertThat(indices(es)).as("indices after every check").isEqualTo(indicesBefore);
        }
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name + ".json");
        Files.writeString(f, text);
        return f;
    }

    /** This test's indices (other test classes share the node and create theirs meanwhile). */
    private static String indices(EsNode es) {
        TreeSet<String> names = new TreeSet<>();
        es.http().get("/_cat/indices?h=index&expand_wildcards=all").expectOk().body().lines().map(String::trim)
                .filter(l -> l.startsWith("check")).forEach(names::add);
        return names.toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort(); // closed when the try ends: nothing listens there
        }
    }

    private Result check(Path job, Map<String, String> env) throws Exception {
        return check(job, env, List.of());
    }

    private Result check(Path job, Map<String, String> env, List<String> extra) throws Exception {
        Path out = Files.createTempFile(dir, "check-", ".out");
        List<String> cmd = new ArrayList<>(List.of(DIST.resolve("bin/tablesync").toString(), "check", job.toString()));
        cmd.addAll(extra);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().remove(OtsEsJobs.SECRET_VARIABLE);
        pb.environment().put("TABLESYNC_JVM_OPTS", "-Xms64m -Xmx256m -XX:TieredStopAtLevel=1");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out\n" + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
