package io.tablesync.plugin.elasticsearch;

import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import java.util.List;
import java.util.Locale;

/** Shared helpers: which servers to run on, index names, writer parameters. */
final class EsTestSupport {
    private EsTestSupport() {
    }

    static List<EsDistribution> distributions() {
        return EsDistribution.selected();
    }

    static EsNode node(EsDistribution d) {
        return EsNodes.shared(d);
    }

    /** A fresh index name for this test and server; deletes a leftover of a previous run. */
    static String index(EsNode node, String name) {
        String idx = ("w-" + node.distribution().name() + "-" + name).toLowerCase(Locale.ROOT).replace('_', '-');
        node.http().deleteIndex(idx);
        return idx;
    }

    /** Writer parameters: endpoint + index + the given extra JSON members (without braces). */
    static String params(String endpoint, String index, String extra) {
        return "{\"endpoint\":\"" + endpoint + "\",\"index\":\"" + index + "\",\"type\":\"doc_type\",\"compression\":false,"
                + "\"tryInterval\":2000,\"retryInitialInterval\":20,\"sleepTimeInMilliSecond\":100," + extra + "}";
    }
}
