package io.tablesync.testkit.demo;

import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./demo.sh [ES_8|ES_7|ES_6|OPENSEARCH_2|...] [--exit]}: runs {@link ContinuousDemo} against the
 * built distribution and a local Elasticsearch; without {@code --exit} everything keeps running until Ctrl-C.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean exit = rest.remove("--exit");
        Path dist = Path.of(rest.isEmpty() ? "tablesync-dist/target/tablesync" : rest.remove(0));
        EsDistribution es;
        try {
            es = EsDistribution.valueOf(rest.isEmpty() ? "ES_8" : rest.get(0));
        } catch (IllegalArgumentException e) {
            System.err.println("demo: unknown search server '" + rest.get(0) + "'; one of " + List.of(EsDistribution.values()));
            System.exit(255);
            return;
        }
        int code;
        try {
            Path work = Files.createTempDirectory("tablesync-demo");
            ContinuousDemo.Outcome outcome = new ContinuousDemo(dist, es, System.out).run(work, !exit);
            code = outcome.converged() && (outcome.syncExitCode() == 0 || !exit) ? 0 : 1;
        } finally {
            EsNodes.stopAll();
        }
        System.exit(code);
    }
}
