package io.tablesync.core.sync;

import io.tablesync.core.element.Record;
import io.tablesync.core.source.SplitFetch;
import io.tablesync.core.source.SplitPosition;
import io.tablesync.core.source.SplitReader;
import io.tablesync.core.transport.ChannelAbortedException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads one split on the reader pool, one fetch per run: it sends the fetch to the split's slot and
 * schedules itself again — at once after a full page, after the shortest idle pause after a short page
 * (the head of the split was reached), after a growing pause when the source had nothing new. Only one fetch of a split is ever running, so the split's records keep their order.
 */
final class SplitTask implements Runnable {
    /** What the task tells the pipeline. */
    interface Owner {
        boolean stopping();

        void fail(Throwable t);

        /** The split's last fetch was handed to the writer; its reader is closed. */
        void readToEnd(String splitId);
    }

    private final SplitReader reader;
    private final ChannelSlot slot;
    private final CheckpointCommitter committer;
    private final SplitProgress progress;
    private final SyncMetrics metrics;
    private final Backoff backoff;
    private final ScheduledExecutorService pool;
    private final Owner owner;

    SplitTask(SplitReader reader, ChannelSlot slot, CheckpointCommitter committer, SyncMetrics metrics, Backoff backoff,
              ScheduledExecutorService pool, Owner owner) {
        this.reader = reader;
        this.slot = slot;
        this.committer = committer;
        this.progress = metrics.split(reader.split().id());
        this.metrics = metrics;
        this.backoff = backoff;
        this.pool = pool;
        this.owner = owner;
    }

    void start() {
        schedule(0);
    }

    @Override
    public void run() {
        if (owner.stopping()) {
            reader.close();
            return;
        }
        SplitFetch fetch = null;
        try {
            fetch = reader.fetch();
            metrics.source().ok(System.currentTimeMillis());
            if (owner.stopping()) {
                reader.close(); // the channels may be closed already: what this fetch read is read again next time
                return;
            }
            List<Record> records = fetch.records();
            if (!records.isEmpty()) {
                progress.sent(records.size(), ((SplitPosition) records.get(0).getPosition()).eventTimeMillis());
                for (Record r : records) {
                    metrics.count(SyncMetrics.Stage.READ, r);
                }
            }
            if (fetch.finished()) {
                committer.expectFinal(reader.split().id(), fetch.end().sequence());
            }
            slot.send(records, fetch.end());
        } catch (ChannelAbortedException e) {
            reader.close();
            return; // the pipeline is being torn down
        } catch (Throwable t) {
            reader.close();
            if (fetch == null && !owner.stopping()) { // the read failed, not the hand-over
                metrics.source().failed(System.currentTimeMillis(), String.valueOf(t.getMessage()));
            }
            owner.fail(t);
            return;
        }
        progress.caughtUp(fetch.idle());
        if (fetch.finished()) {
            reader.close();
            owner.readToEnd(reader.split().id());
            return;
        }
        if (fetch.idle()) {
            schedule(backoff.nextNanos());
        } else if (fetch.atHead()) {
            // caught up with the writers: let a few milliseconds of changes gather instead of fetching each
            // handful with a request of its own (at 5,000 changes/s that was ~800 requests/s for 4 shards)
            backoff.reset();
            schedule(backoff.floorNanos());
        } else {
            backoff.reset();
            schedule(0);
        }
    }

    private void schedule(long delayNanos) {
        try {
            pool.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            reader.close(); // the pool shut down: the pipeline is stopping
        }
    }
}
