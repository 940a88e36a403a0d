package io.tablesync.core.sync;

import java.time.Duration;

/** Doubling pauses from a floor to a cap; {@link #reset()} after a success. Not thread-safe. */
final class Backoff {
    private final long minNanos;
    private final long maxNanos;
    private long next;

    Backoff(Duration min, Duration max) {
        this.minNanos = Math.max(1, min.toNanos());
        this.maxNanos = Math.max(minNanos, max.toNanos());
        this.next = minNanos;
    }

    /** The pause to take now; the following one is twice as long, up to the cap. */
    long nextNanos() {
        long now = next;
        next = Math.min(maxNanos, next * 2);
        return now;
    }

    /** The shortest pause, the first one after a reset. */
    long floorNanos() {
        return minNanos;
    }

    void reset() {
        next = minNanos;
    }
}
