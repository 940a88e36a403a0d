package io.tablesync.testkit.demo;

import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNodes;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./demo.sh}: runs {@link SeedDemo} against the given distribution and a local Elasticsearch or
 * OpenSearch ({@code ES_6}, {@code ES_7}, {@code ES_8}, {@code ES_9}, {@code OPENSEARCH_2}, {@code OPENSEARCH_3}).
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args.length > 0 ? args[0] : "tablesync-dist/target/tablesync");
        EsDistribution es = distribution(args.length > 1 ? args[1] : "ES_8");
        int code;
        try {
            Path work = Files.createTempDirectory("tablesync-demo");
            SeedDemo.Outcome outcome = new SeedDemo(dist, es, System.out).run(work);
            if (outcome.converged()) {
                System.out.println("== OK: every " + es + " document equals its Tablestore row; the deleted row has no document.");
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

    /** The server to run against, by enum name; an unknown name ends the demo with the list of known ones. */
    private static EsDistribution distribution(String name) {
        for (EsDistribution d : EsDistribution.values()) {
            if (d.name().equalsIgnoreCase(name.trim())) {
                return d;
            }
        }
        System.err.println("unknown search server \"" + name + "\"; use one of " + java.util.Arrays.stream(EsDistribution.values())
                .map(d -> d.name() + " (" + d + ")").collect(java.util.stream.Collectors.joining(", ")));
        System.exit(1);
        throw new AssertionError("unreachable");
    }
}
