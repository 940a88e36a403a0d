package io.tablesync.core.engine;

import io.tablesync.core.stats.JobSnapshot;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prints DataX's progress line every {@code core.container.job.reportInterval} ms on its own thread. */
final class ProgressReporter implements AutoCloseable {
    // DataX's logger name: log parsers and dashboards key on it.
    private static final Logger LOG = LoggerFactory.getLogger("io.tablesync.core.engine.StandAloneJobContainerCommunicator");

    private final Supplier<JobSnapshot> snapshots;
    private final DoubleSupplier fractionDone;
    private final long intervalMillis;
    private final Thread thread;
    private volatile boolean closed;

    ProgressReporter(Supplier<JobSnapshot> snapshots, DoubleSupplier fractionDone, long intervalMillis) {
        this.snapshots = snapshots;
        this.fractionDone = fractionDone;
        this.intervalMillis = Math.max(100, intervalMillis);
        this.thread = new Thread(this::loop, "job-progress");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        JobSnapshot previous = snapshots.get();
        long previousNanos = System.nanoTime();
        while (!closed) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            JobSnapshot now = snapshots.get();
            long nowNanos = System.nanoTime();
            long secs = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nowNanos - previousNanos));
            logLine(now, (now.readSucceedBytes() - previous.readSucceedBytes()) / secs,
                    (now.readSucceedRecords() - previous.readSucceedRecords()) / secs, fractionDone.getAsDouble());
            previous = now;
            previousNanos = nowNanos;
        }
    }

    static void logLine(JobSnapshot s, long byteSpeed, long recordSpeed, double fraction) {
        LOG.info(Formats.progressLine(s, byteSpeed, recordSpeed, fraction));
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
