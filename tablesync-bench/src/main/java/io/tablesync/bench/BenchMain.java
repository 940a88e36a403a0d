package io.tablesync.bench;

import io.tablesync.testkit.elasticsearch.EsNodes;

/** What every benchmark's {@code main} shares: positional arguments with defaults, and an exit that stops the nodes. */
public final class BenchMain {
    /** A benchmark body. */
    @FunctionalInterface
    public interface Body {
        void run(String[] args) throws Exception;
    }

    private BenchMain() {
    }

    /** Runs the body, prints a failure's stack trace, stops the Elasticsearch nodes, and exits 0 or 1. */
    public static void run(String[] args, Body body) {
        int code = 0;
        try {
            body.run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            code = 1;
        } finally {
            EsNodes.stopAll();
        }
        System.exit(code);
    }

    /** The {@code i}-th argument, or {@code dflt} when there are fewer. */
    public static String arg(String[] args, int i, String dflt) {
        return args.length > i ? args[i] : dflt;
    }
}
