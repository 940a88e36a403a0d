package io.tablesync.core.transport;

import io.tablesync.core.stats.TaskCounters;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between one reader task and one writer task. Bounded in records
 * ({@code core.transport.channel.capacity}) and in estimated memory
 * ({@code core.transport.channel.byteCapacity}), so memory is set by configuration, never by
 * input size. Records move in batches so the per-record cost stays a few nanoseconds.
 */
public final class Channel {
    private static final int SPINS = 256;

    private final int capacity;
    private final long byteCapacity;
    private final Throttle throttle;
    private final TaskCounters counters;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Batch> queue = new ArrayDeque<>();
    private int records;
    private long memory;
    private volatile int batches;
    private volatile boolean terminated;
    private volatile boolean aborted;

    public Channel(int capacity, long byteCapacity, Throttle throttle, TaskCounters counters) {
        if (capacity <= 0 || byteCapacity <= 0) {
            throw new IllegalArgumentException("channel capacity and byteCapacity must be positive");
        }
        this.capacity = capacity;
        this.byteCapacity = byteCapacity;
        this.throttle = throttle;
        this.counters = counters;
    }

    public long byteCapacity() {
        return byteCapacity;
    }

    public int capacity() {
        return capacity;
    }

    /** True when no batch waits in the channel (the writer has taken everything pushed so far). */
    public boolean isEmpty() {
        return batches == 0;
    }

    /** Blocks while the channel lacks room (an empty channel always takes one batch). */
    void push(Batch batch) {
        int[] operations = counters.countsOperations ? batch.operations() : null; // counted before the puller can see it
        long waitStart = 0;
        lock.lock();
        try {
            while (!aborted && !queue.isEmpty()
                    && (records + batch.size > capacity || memory + batch.memory > byteCapacity)) {
                if (waitStart == 0) {
                    waitStart = System.nanoTime();
                }
                notFull.awaitUninterruptibly();
            }
            checkAborted();
            queue.addLast(batch);
            records += batch.size;
            memory += batch.memory;
            batches = queue.size();
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        if (waitStart != 0) {
            counters.waitWriterNanos.addAndGet(System.nanoTime() - waitStart);
        }
        counters.readSucceedRecords.addAndGet(batch.size);
        counters.readSucceedBytes.addAndGet(batch.bytes);
        if (operations != null) {
            counters.readSucceedByOperation.add(operations);
        }
        try {
            throttle.afterPush(batch.size, batch.bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The next batch, waiting at most timeoutNanos (negative: forever). Null on timeout or when the
     * channel is terminated and drained.
     */
    Batch pull(long timeoutNanos) {
        // A short spin first: when the writer is faster than the reader (the usual case), parking
        // and unparking per batch would cost more than the work itself.
        for (int i = 0; i < SPINS && batches == 0 && !terminated && !aborted; i++) {
            Thread.onSpinWait();
        }
        long waitStart = 0;
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (queue.isEmpty() && !terminated && !aborted) {
                if (waitStart == 0) {
                    waitStart = System.nanoTime();
                }
                if (timeoutNanos < 0) {
                    notEmpty.awaitUninterruptibly();
                } else {
                    if (remaining <= 0) {
                        break;
                    }
                    try {
                        remaining = notEmpty.awaitNanos(remaining);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            checkAborted();
            Batch b = queue.pollFirst();
            if (b != null) {
                records -= b.size;
                memory -= b.memory;
                batches = queue.size();
                notFull.signal();
            }
            if (waitStart != 0) {
                counters.waitReaderNanos.addAndGet(System.nanoTime() - waitStart);
            }
            if (b != null) {
                counters.writeReceivedRecords.addAndGet(b.size);
                counters.writeReceivedBytes.addAndGet(b.bytes);
                if (counters.countsOperations) {
                    counters.writeReceivedByOperation.add(b.operations());
                }
            }
            return b;
        } finally {
            lock.unlock();
        }
    }

    /** True once terminated and drained: nothing more will come. */
    boolean isDrained() {
        return terminated && batches == 0;
    }

    /** The reader is done; the writer drains what is queued and then sees the end. */
    void terminate() {
        lock.lock();
        try {
            terminated = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Hard stop: wakes both sides, which then throw {@link ChannelAbortedException}. */
    public void abort() {
        lock.lock();
        try {
            aborted = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isAborted() {
        return aborted;
    }

    private void checkAborted() {
        if (aborted) {
            throw new ChannelAbortedException();
        }
    }
}
