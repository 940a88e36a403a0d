package io.tablesync.plugin.elasticsearch;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt k (1-based) waits a random time in [d/2, d] where
 * d = min(max, initial·2^(k-1)). Jitter keeps many tasks that failed together from retrying together.
 * {@code maxAttempts} is DataX's {@code trySize} (attempts, the first included).
 */
final class RetryPolicy {
    private final int maxAttempts;
    private final long initialMs;
    private final long maxMs;

    RetryPolicy(int maxAttempts, long initialMs, long maxMs) {
        this.maxAttempts = maxAttempts;
        this.initialMs = Math.max(1, initialMs);
        this.maxMs = Math.max(this.initialMs, maxMs);
    }

    int maxAttempts() {
        return maxAttempts;
    }

    boolean canRetry(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** Delay before the attempt after {@code attemptsMade} attempts. */
    long delayMs(int attemptsMade) {
        int shift = Math.min(30, Math.max(0, attemptsMade - 1));
        long d = Math.min(maxMs, initialMs << shift);
        return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }
}
