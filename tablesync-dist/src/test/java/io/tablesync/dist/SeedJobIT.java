package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed's job file as printed in the documentation (comments, {@code type} and all), pointed at
 * tablestore-local and each real Elasticsearch / OpenSearch, run with {@code python3 bin/datax.py}: puts,
 * partial updates, a deleted column and a deleted row must all arrive, and every document must equal its row.
 */
class SeedJobIT {
    private static final String INDEX = "seed_job_it";
    @TempDir
    Path dir;

    // Nodes are not stopped after this class: CrashRecoveryIT uses the same ones (EsNodes stops them at JVM exit).
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tablesync.testkit.elasticsearch.EsDistribution#selected")
    void seedJobSyncsPutsPartialUpdatesAndDeletes(EsDistribution es) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        SeedDemo.Outcome outcome = new SeedDemo(Path.of(System.getProperty("tablesync.dist")), es, out, INDEX).run(dir);
        String report = log.toString(StandardCharsets.UTF_8);
        assertThat(outcome.exitCode()).as(report).isEqualTo(0);
        assertThat(outcome.mismatches()).as(report).isEmpty();
        assertThat(outcome.rows()).as("u3 was deleted in Tablestore").doesNotContainKey("u3").containsKeys("u1", "u2", "u4");
        assertThat(outcome.jobOutput()).contains("读出记录总数").contains("读写失败总数                    :                   0");
        // u2's phone column was deleted: where the server runs painless the key is gone, elsewhere it is null
        JsonNode u2 = EsNodes.shared(es).http().source(INDEX, "u2");
        if (es.supportsScripts()) {
            assertThat(u2.has("phone")).as("no phone key in " + u2).isFalse();
        } else {
            assertThat(u2.path("phone").isNull()).as("phone null in " + u2).isTrue();
        }
    }
}
