package io.tablesync.flink.sink;

import io.tablesync.core.element.Record;
import io.tablesync.core.spi.RecordReceiver;
import io.tablesync.core.transport.ChannelAbortedException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The writer task's channel inside a Flink sink subtask: a bounded queue the task thread fills and the
 * writer's own thread drains, with a count of acknowledged records. {@link #awaitAcknowledged} is the
 * flush before a checkpoint: while it waits, an empty queue answers at once, so the writer sends what it
 * buffered and completes its request in flight instead of waiting for its flush interval.
 */
final class QueueReceiver implements RecordReceiver {
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final BlockingQueue<Record> queue;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final Object progress = new Object();
    private volatile boolean ended;
    private volatile boolean flushing;
    private volatile boolean aborted;

    QueueReceiver(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Hands a record to the writer; waits while the queue is full, as long as the writer is alive. */
    void put(Record r, BooleanSupplier writerAlive) throws InterruptedException {
        sent.incrementAndGet();
        while (!queue.offer(r, 50, TimeUnit.MILLISECONDS)) {
            if (!writerAlive.getAsBoolean()) {
                return; // the writer failed: the caller reports its error
            }
        }
    }

    /** Every record put so far is acknowledged (durable in the sink, or a dirty record); false when the writer died. */
    boolean awaitAcknowledged(BooleanSupplier writerAlive) throws InterruptedException {
        long target = sent.get();
        flushing = true;
        try {
            synchronized (progress) {
                while (acknowledged.get() < target) {
                    if (!writerAlive.getAsBoolean()) {
                        return false;
                    }
                    progress.wait(50);
                }
            }
            return true;
        } finally {
            flushing = false;
        }
    }

    /** No more records: the writer drains the queue, flushes and returns. */
    void end() {
        ended = true;
    }

    /**
     * The subtask is torn down (a failover or a cancel): the writer sends nothing more — what is not acknowledged
     * was not part of a completed checkpoint and is read again from the restored positions.
     */
    void abort() {
        aborted = true;
        ended = true;
        queue.clear();
    }

    @Override
    public void checkWritable() {
        if (aborted) {
            throw new ChannelAbortedException();
        }
    }

    long unacknowledged() {
        return sent.get() - acknowledged.get();
    }

    @Override
    public Record getFromReader() {
        while (true) {
            Record r = poll(Duration.ofMillis(100));
            if (r != null || isEnded()) {
                return r;
            }
        }
    }

    @Override
    public Record poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Record r = queue.poll();
                if (r != null) {
                    return r;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended || flushing) {
                    return null;
                }
                r = queue.poll(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS);
                if (r != null) {
                    return r;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public boolean isEnded() {
        return ended && queue.isEmpty();
    }

    @Override
    public void acknowledge(Record record) {
        acknowledged.incrementAndGet();
        synchronized (progress) {
            progress.notifyAll();
        }
    }
}
