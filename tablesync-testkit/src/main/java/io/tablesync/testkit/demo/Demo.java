package io.tablesync.testkit.demo;

import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./demo.sh [ES_6|ES_7|ES_8|ES_9|OPENSEARCH_2|OPENSEARCH_3] [--exit]}: runs {@link ContinuousDemo}
 * against the built distribution and a local Elasticsearch or OpenSearch; without {@code --exit}
 * everything keeps running until Ctrl-C.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean exit = rest.remove("--exit");
        Path dist = Path.of(rest.isEmpty() ? "tablesync-dist/target/tablesync" : rest.remove(0));
        EsDistribution es = distribution(rest.isEmpty() ? "ES_8" : rest.get(0));
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
