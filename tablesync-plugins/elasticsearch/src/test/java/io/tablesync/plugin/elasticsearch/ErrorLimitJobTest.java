package io.tablesync.plugin.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.JobOutcome;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Documents the server rejects are dirty records of the job: counted against errorLimit (exit 1 above
 * it, 0 within it, as DataX) and written to the dirty-record file with the server's reason.
 */
class ErrorLimitJobTest {
    static List<EsDistribution> distributions() {
        return EsTestSupport.distributions();
    }

    @TempDir
    Path tmp;

    private JobOutcome run(EsNode node, String index, int errorLimit) throws Exception {
        String job = """
                {"job":{"setting":{"speed":{"channel":1},"errorLimit":{"record":%d}},
                  "content":[{
                    "reader":{"name":"streamreader","parameter":{"sliceRecordCount":4,"column":[
                      {"type":"long","incr":"1"},{"type":"string","value":"not-a-geo-point"}]}},
                    "writer":{"name":"elasticsearchwriter","parameter":{"endpoint":"%s","index":"%s","type":"doc_type",
                      "column":[{"name":"id","type":"id"},{"name":"where","type":"geo_point"}]}}
                  }]}}""".formatted(errorLimit, node.url(), index);
        Path file = tmp.resolve("job-" + errorLimit + ".json");
        Files.writeString(file, job);
        return new Engine(new Engine.Options(file.toString(), Map.of(), tmp, 0), PluginRegistry.fromClassPath()).run();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void rejectedDocumentsCountAgainstErrorLimit(EsDistribution dist) throws Exception {
        EsNode node = EsTestSupport.node(dist);
        String idx = EsTestSupport.index(node, "errlimit");
        JobOutcome over = run(node, idx, 2);
        assertThat(over.exitCode()).isEqualTo(1);
        assertThat(String.valueOf(over.error())).contains("Framework-14");

        JobOutcome within = run(node, idx, 10);
        assertThat(within.exitCode()).isZero();
        assertThat(within.dirtyRecordFile()).isNotNull();
        List<String> lines = Files.readAllLines(within.dirtyRecordFile());
        assertThat(lines).hasSize(4);
        assertThat(lines).allSatisfy(l -> assertThat(l).contains("status:[400]").contains("not-a-geo-point"));
    }
}
