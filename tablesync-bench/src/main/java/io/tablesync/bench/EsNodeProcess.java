package io.tablesync.bench;

import io.tablesync.testkit.elasticsearch.EsNode;
import java.util.ArrayList;
import java.util.List;

/** The operating-system process of an Elasticsearch node: its pid (as the node reports it) and the CPU it has used. */
public final class EsNodeProcess {
    private final List<Long> pids;

    private EsNodeProcess(List<Long> pids) {
        this.pids = pids;
    }

    public static EsNodeProcess of(EsNode es) {
        List<Long> pids = new ArrayList<>();
        es.http().get("/_nodes/_local/process").expectOk().json().path("nodes")
                .forEach(n -> pids.add(n.path("process").path("id").asLong()));
        if (pids.isEmpty()) {
            throw new IllegalStateException("the node did not report its process id");
        }
        return new EsNodeProcess(pids);
    }

    public List<Long> pids() {
        return pids;
    }

    /** User + system CPU seconds the node's process has used since it started. */
    public double cpuSeconds() {
        return pids.stream().mapToDouble(ProcessCpu::seconds).sum();
    }
}
