package io.tablesync.core.sync;

import io.tablesync.core.source.StreamingOptions;
import java.time.Duration;

/**
 * How {@code tablesync sync} runs a job: where it starts, how often it checkpoints, discovers shards
 * and reports, and how it shares the job with a standby process.
 *
 * @param streaming          start position and trimmed-data rule, handed to the source
 * @param checkpointInterval at most one checkpoint write per split per interval (and one at shutdown)
 * @param discoveryInterval  how often the enumerator looks for new splits (and at once when one finishes)
 * @param idleBackoffMin     first pause after a read that returned nothing
 * @param idleBackoffMax     the longest such pause
 * @param leaseTimeout       a standby takes over after the lease was not renewed for this long
 * @param statusInterval     how often the status line is logged
 * @param shutdownTimeout    how long a graceful stop may take before unwritten records are left for the next run
 * @param restartBackoffMax  the longest pause before the pipeline starts over after a transient failure
 * @param copy               how a table copy ({@code --snapshot}) is watched: progress display, retention check
 */
public record SyncOptions(StreamingOptions streaming, Duration checkpointInterval, Duration discoveryInterval,
                          Duration idleBackoffMin, Duration idleBackoffMax, Duration leaseTimeout,
                          Duration statusInterval, Duration shutdownTimeout, Duration restartBackoffMax,
                          CopyOptions copy) {

    public static SyncOptions defaults() {
        return new SyncOptions(StreamingOptions.defaults(), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofMillis(10), Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(60), CopyOptions.defaults());
    }

    public SyncOptions withStreaming(StreamingOptions s) {
        return new SyncOptions(s, checkpointInterval, discoveryInterval, idleBackoffMin, idleBackoffMax, leaseTimeout,
                statusInterval, shutdownTimeout, restartBackoffMax, copy);
    }

    public SyncOptions withCheckpointInterval(Duration d) {
        return new SyncOptions(streaming, d, discoveryInterval, idleBackoffMin, idleBackoffMax, leaseTimeout,
                statusInterval, shutdownTimeout, restartBackoffMax, copy);
    }

    public SyncOptions withDiscoveryInterval(Duration d) {
        return new SyncOptions(streaming, checkpointInterval, d, idleBackoffMin, idleBackoffMax, leaseTimeout,
                statusInterval, shutdownTimeout, restartBackoffMax, copy);
    }

    public SyncOptions withIdleBackoffMax(Duration d) {
        return new SyncOptions(streaming, checkpointInterval, discoveryInterval, idleBackoffMin, d, leaseTimeout,
                statusInterval, shutdownTimeout, restartBackoffMax, copy);
    }

    public SyncOptions withLeaseTimeout(Duration d) {
        return new SyncOptions(streaming, checkpointInterval, discoveryInterval, idleBackoffMin, idleBackoffMax, d,
                statusInterval, shutdownTimeout, restartBackoffMax, copy);
    }

    public SyncOptions withStatusInterval(Duration d) {
        return new SyncOptions(streaming, checkpointInterval, discoveryInterval, idleBackoffMin, idleBackoffMax,
                leaseTimeout, d, shutdownTimeout, restartBackoffMax, copy);
    }

    public SyncOptions withRestartBackoffMax(Duration d) {
        return new SyncOptions(streaming, checkpointInterval, discoveryInterval, idleBackoffMin, idleBackoffMax,
                leaseTimeout, statusInterval, shutdownTimeout, d, copy);
    }

    public SyncOptions withCopy(CopyOptions c) {
        return new SyncOptions(streaming, checkpointInterval, discoveryInterval, idleBackoffMin, idleBackoffMax,
                leaseTimeout, statusInterval, shutdownTimeout, restartBackoffMax, c);
    }
}
