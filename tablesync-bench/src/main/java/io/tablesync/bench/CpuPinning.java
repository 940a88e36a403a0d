package io.tablesync.bench;

import java.io.IOException;
import java.util.List;

/**
 * Optional CPU pinning of the Elasticsearch node, for benchmarks that compare a client with a raw loader on a small
 * machine. Unpinned, the node, tablestore-local and the measured process share every core, so a client's own CPU
 * use lowers the node's share and the comparison mixes "the client keeps the node busy" with "the client leaves
 * the node less CPU". With {@code -Dbench.esCpus=0} the node's threads run on CPU 0 only; start the bench with
 * {@code taskset -c 1 java ...} and the bench JVM (tablestore-local, the raw loader) and every process it starts
 * run on CPU 1 — as in a deployment, where the cluster has machines of its own. Both loaders get the same node.
 */
public final class CpuPinning {
    private CpuPinning() {
    }

    /** Pins the node's process (every thread) to {@code -Dbench.esCpus} when set; says what it did. */
    public static void pinElasticsearch(EsNodeProcess node) throws IOException, InterruptedException {
        String cpus = System.getProperty("bench.esCpus");
        if (cpus == null) {
            System.out.println("CPU pinning: none (the node, tablestore-local and the measured processes share every CPU)");
            return;
        }
        List<Long> pids = node.pids();
        for (long pid : pids) {
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, String.valueOf(pid)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("taskset failed for Elasticsearch (pid " + pid + "): " + out);
            }
        }
        System.out.printf("CPU pinning: Elasticsearch (pid %s) on CPU %s; this JVM and what it starts on CPU(s) %s%n", pids, cpus,
                ownAffinity());
    }

    private static String ownAffinity() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("taskset", "-c", "-p", String.valueOf(ProcessHandle.current().pid())).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out.substring(out.lastIndexOf(':') + 1).trim();
    }
}
