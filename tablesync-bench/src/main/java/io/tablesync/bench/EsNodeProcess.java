package io.tablesync.bench;

import io.tablesync.testkit.elasticsearch.EsNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The operating-system process of an Elasticsearch node: its pid (as the node reports it) and the CPU it has used. */
public final class EsNodeProcess {
    /** Linux's USER_HZ: /proc reports CPU times in these ticks. */
    private static final double TICKS_PER_SECOND = 100.0;

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

    /** User + system CPU seconds the node's process has used since it started (/proc/PID/stat). */
    public double cpuSeconds() {
        double sum = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                // fields after the command name in parentheses: state is field 3, utime 14, stime 15
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the CPU time of Elasticsearch (pid " + pid + ")", e);
            }
        }
        return sum;
    }
}
