package io.tablesync.dist;

/** Fixed ports some tests need; test classes run in parallel, so users of one port hold its lock. */
final class Ports {
    /** tablestore-local's default port, used by the README walk-through and the demo. */
    static final String TABLESTORE_LOCAL_DEFAULT = "tcp-8600";

    private Ports() {
    }
}
