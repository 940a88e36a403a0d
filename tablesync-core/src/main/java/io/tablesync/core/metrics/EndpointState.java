package io.tablesync.core.metrics;

/**
 * Whether one end (source or sink) answers: the time of the last request that got an answer and of
 * the last one that did not, with its error. Written by the threads that talk to the end, read by
 * {@code /health}; each field is published on its own, which is enough for a health report.
 */
public final class EndpointState {
    private volatile long lastOkMillis = -1;
    private volatile long lastFailureMillis = -1;
    private volatile String lastFailure;
    private volatile long failingSinceMillis = -1;
    /** The newest outcome itself, not derived from the two times: an answer and a failure often share a millisecond. */
    private volatile boolean newestAnswered = true;

    public void ok(long nowMillis) {
        lastOkMillis = nowMillis;
        failingSinceMillis = -1;
        newestAnswered = true;
    }

    public void failed(long nowMillis, String why) {
        if (failingSinceMillis < 0) {
            failingSinceMillis = nowMillis;
        }
        lastFailure = why;
        lastFailureMillis = nowMillis;
        newestAnswered = false;
    }

    /** How long every request has failed, or 0 while the last one got an answer. */
    public long failingForMillis(long nowMillis) {
        long since = failingSinceMillis;
        return since < 0 || connected() ? 0 : Math.max(0, nowMillis - since);
    }

    /** No request yet, or the newest one got an answer. */
    public boolean connected() {
        return newestAnswered;
    }

    public long lastOkMillis() {
        return lastOkMillis;
    }

    public long lastFailureMillis() {
        return lastFailureMillis;
    }

    public String lastFailure() {
        return lastFailure;
    }
}
