package io.tablesync.testkit.demo;

import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNodes;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code ./demo.sh}: runs {@link SeedDemo} against the given distribution and a local Elasticsearch. */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args.length > 0 ? args[0] : "tablesync-dist/target/tablesync");
        EsDistribution es = EsDistribution.valueOf(args.length > 1 ? args[1] : "ES_8");
        int code;
        try {
            Path work = Files.createTempDirectory("tablesync-demo");
            SeedDemo.Outcome outcome = new SeedDemo(dist, es, System.out).run(work);
            if (outcome.converged()) {
                System.out.println("== OK: every Elasticsearch document equals its Tablestore row; the deleted row has no document.");
                code = 0;
            } else {
                System.out.println("== FAILED: " + (outcome.exitCode() != 0 ? "datax.py exited " + outcome.exitCode() + "; " : "")
                        + outcome.mismatches());
                code = 1;
            }
        } finally {
            EsNodes.stopAll();
        }
        System.exit(code);
    }
}
