package io.tablesync.core.sync;

import java.time.Duration;

/**
 * How {@code sync --snapshot} watches its table copy.
 *
 * @param retentionCheck what a copy that cannot end inside the stream's retention does
 * @param warmup         how long the rate is measured before it is trusted for a refusal (a fresh JVM and an
 *                       empty index start slow)
 * @param progressBar    draw a progress bar when the output is a terminal (else progress lines go to the log)
 */
public record CopyOptions(RetentionCheck retentionCheck, Duration warmup, boolean progressBar) {

    /** What a copy that cannot end inside the stream's retention does. */
    public enum RetentionCheck {
        /** Stop with the numbers (exit 1); the ranges copied so far stay copied. */
        FAIL,
        /** Warn with the numbers and go on. */
        WARN
    }

    public static CopyOptions defaults() {
        return new CopyOptions(RetentionCheck.FAIL, Duration.ofSeconds(30), true);
    }
}
