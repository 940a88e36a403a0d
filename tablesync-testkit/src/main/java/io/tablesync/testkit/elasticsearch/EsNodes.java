package io.tablesync.testkit.elasticsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nodes shared by all tests of one JVM: at most one plain node per distribution (plus one secured node
 * per distribution for the auth/TLS tests that ask for it), started on first use and stopped at JVM
 * exit. Tests isolate themselves by index name, not by node.
 */
public final class EsNodes {
    private record Key(EsDistribution dist, boolean secured) {
    }

    private static final Map<Key, EsNode> NODES = new ConcurrentHashMap<>();
    private static final Map<Key, RuntimeException> FAILURES = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(EsNodes::stopAll, "es-nodes-shutdown"));
    }

    private EsNodes() {
    }

    /** The shared node without security (plain HTTP, no auth). */
    public static EsNode shared(EsDistribution dist) {
        return get(new Key(dist, false));
    }

    /**
     * The shared secured node: HTTPS with a generated CA, basic auth as {@link EsNode#username()}, API keys.
     * Only for distributions whose zip has security ({@link EsDistribution#supportsSecurity()}).
     */
    public static EsNode sharedSecured(EsDistribution dist) {
        return get(new Key(dist, true));
    }

    private static EsNode get(Key key) {
        // A node that failed to start is not retried by every test: they all get the same error.
        RuntimeException failed = FAILURES.get(key);
        if (failed != null) {
            throw failed;
        }
        EsNode running = NODES.get(key);
        if (running != null && running.isRunning()) {
            return running; // without the lock: tests running in parallel need not wait for another node's startup
        }
        synchronized (EsNodes.class) { // startups are serialised: two cold ES JVMs at once starve 2-core machines
            EsNode node = NODES.get(key);
            if (node != null && node.isRunning()) {
                return node;
            }
            try {
                node = EsLauncher.start(key.dist(), key.secured());
            } catch (RuntimeException e) {
                FAILURES.put(key, e);
                throw e;
            }
            NODES.put(key, node);
            return node;
        }
    }

    /** Stops the secured nodes (a test class that alone uses them frees their memory for the rest of the JVM). */
    public static void stopSecured() {
        List<EsNode> secured = new ArrayList<>();
        NODES.entrySet().removeIf(e -> e.getKey().secured() && secured.add(e.getValue()));
        secured.parallelStream().forEach(EsNode::close);
    }

    /** Stops every node started through this class. */
    public static void stopAll() {
        List<EsNode> nodes = new ArrayList<>(NODES.values());
        NODES.clear();
        nodes.parallelStream().forEach(EsNode::close);
    }
}
