package io.tablesync.core.transport;

/**
 * DataX's per-channel speed limit ({@code core.transport.channel.speed.byte/record}): every
 * {@code flowControlInterval} ms the push side compares its rate with the limits and sleeps long
 * enough to fall back under them.
 */
public final class Throttle {
    private final long byteLimit;
    private final long recordLimit;
    private final long intervalNanos;
    private long windowStart = System.nanoTime();
    private long windowBytes;
    private long windowRecords;

    public Throttle(long byteLimitPerSecond, long recordLimitPerSecond, long flowControlIntervalMillis) {
        this.byteLimit = byteLimitPerSecond;
        this.recordLimit = recordLimitPerSecond;
        this.intervalNanos = Math.max(1, flowControlIntervalMillis) * 1_000_000L;
    }

    public static Throttle unlimited() {
        return new Throttle(-1, -1, 20);
    }

    public boolean isLimited() {
        return byteLimit > 0 || recordLimit > 0;
    }

    /** Accounts one pushed batch; sleeps the calling (reader) thread if the channel runs too fast. */
    public void afterPush(int records, long bytes) throws InterruptedException {
        if (!isLimited()) {
            return;
        }
        windowRecords += records;
        windowBytes += bytes;
        long elapsed = System.nanoTime() - windowStart;
        // The time the window's traffic is allowed to take at the configured rates.
        long allowed = 0;
        if (byteLimit > 0) {
            allowed = Math.max(allowed, windowBytes * 1_000_000_000L / byteLimit);
        }
        if (recordLimit > 0) {
            allowed = Math.max(allowed, windowRecords * 1_000_000_000L / recordLimit);
        }
        // Evaluate every interval, as DataX does, and also as soon as a burst runs an interval ahead.
        if (elapsed < intervalNanos && allowed - elapsed < intervalNanos) {
            return;
        }
        long sleepNanos = allowed - elapsed;
        if (sleepNanos > 0) {
            Thread.sleep(sleepNanos / 1_000_000, (int) (sleepNanos % 1_000_000));
        }
        windowStart = System.nanoTime();
        windowBytes = 0;
        windowRecords = 0;
    }
}
