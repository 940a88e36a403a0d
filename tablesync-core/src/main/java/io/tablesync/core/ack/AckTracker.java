package io.tablesync.core.ack;

import io.tablesync.core.element.Position;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Tracks, per partition, which sent positions are still unacknowledged and derives the highest
 * contiguous acknowledged one. Acknowledgements may arrive out of order (a writer that retries
 * only failed items acknowledges the others first); the committed position never passes a
 * position that is still pending.
 */
public final class AckTracker implements Acknowledgements {
    private final Map<String, PartitionState> partitions = new HashMap<>();
    private volatile Consumer<Position> listener = p -> { };
    private long pendingTotal;
    private boolean aborted;

    private static final class PartitionState {
        final TreeMap<Long, Position> pending = new TreeMap<>();
        final TreeMap<Long, Position> ackedAhead = new TreeMap<>();
        long lastSent = Long.MIN_VALUE;
        Position committed;
    }

    /** Called by the engine when a record with a position is sent (before the writer can see it). */
    public synchronized void sent(Position p) {
        PartitionState s = partitions.computeIfAbsent(p.partition(), k -> new PartitionState());
        if (p.sequence() <= s.lastSent) {
            throw new IllegalStateException("positions of partition " + p.partition()
                    + " must be sent in strictly increasing sequence: " + p.sequence() + " after " + s.lastSent);
        }
        s.lastSent = p.sequence();
        s.pending.put(p.sequence(), p);
        pendingTotal++;
    }

    /** Whether a position at or after {@code p} was sent on its partition. */
    public synchronized boolean hasSent(Position p) {
        PartitionState s = partitions.get(p.partition());
        return s != null && s.lastSent >= p.sequence();
    }

    /** Called by the engine when the writer acknowledges a record. */
    public void acknowledged(Position p) {
        Position advancedTo;
        synchronized (this) {
            PartitionState s = partitions.get(p.partition());
            if (s == null || s.pending.remove(p.sequence()) == null) {
                throw new IllegalStateException("acknowledged position was never sent or was acknowledged twice: "
                        + p.partition() + "#" + p.sequence());
            }
            pendingTotal--;
            s.ackedAhead.put(p.sequence(), p);
            Long firstPending = s.pending.isEmpty() ? null : s.pending.firstKey();
            Map.Entry<Long, Position> top = firstPending == null ? s.ackedAhead.lastEntry()
                    : s.ackedAhead.lowerEntry(firstPending);
            if (top == null) {
                advancedTo = null;
            } else {
                s.committed = top.getValue();
                s.ackedAhead.headMap(top.getKey(), true).clear();
                advancedTo = top.getValue();
            }
            notifyAll();
        }
        if (advancedTo != null) {
            listener.accept(advancedTo);
        }
    }

    /**
     * The task failed (its channel was aborted): no acknowledgement will ever come, so waiters
     * stop waiting with {@link io.tablesync.core.transport.ChannelAbortedException}.
     */
    public synchronized void abort() {
        aborted = true;
        notifyAll();
    }

    @Override
    public synchronized Position committed(String partition) {
        PartitionState s = partitions.get(partition);
        return s == null ? null : s.committed;
    }

    @Override
    public synchronized long pending() {
        return pendingTotal;
    }

    @Override
    public boolean awaitAcknowledged(String partition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                PartitionState s = partitions.get(partition);
                if (s == null || s.pending.isEmpty()) {
                    return true;
                }
                if (aborted) {
                    throw new io.tablesync.core.transport.ChannelAbortedException();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public boolean awaitAllAcknowledged(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (pendingTotal > 0) {
                if (aborted) {
                    throw new io.tablesync.core.transport.ChannelAbortedException();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    @Override
    public void onCommitted(Consumer<Position> listener) {
        this.listener = listener == null ? p -> { } : listener;
    }
}
