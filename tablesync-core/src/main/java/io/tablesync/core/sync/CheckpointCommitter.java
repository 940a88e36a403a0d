package io.tablesync.core.sync;

import io.tablesync.core.element.Position;
import io.tablesync.core.source.CheckpointStore;
import io.tablesync.core.source.SplitCheckpoint;
import io.tablesync.core.source.SplitPosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns acknowledgements into durable checkpoints. The ack trackers report each split's highest
 * contiguously acknowledged position; this class keeps the newest per split and writes them in one
 * go per {@link #flush()} (the pipeline calls it every checkpoint interval and on shutdown), so a
 * checkpoint never passes a record the sink has not made durable. A split whose final position
 * was committed is finished: its checkpoint is written, and only then are its children released.
 */
final class CheckpointCommitter {
    private final CheckpointStore store;
    private final SyncMetrics metrics;
    private final LongSupplier clock;
    private final Consumer<String> onFinished;
    private final Map<String, Long> recordsBefore = new HashMap<>();
    private final Map<String, LongAdder> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Long> finalSequence = new ConcurrentHashMap<>();
    private final Map<String, SplitPosition> unsaved = new HashMap<>();
    private final Set<String> finishing = new HashSet<>();
    private final Object saving = new Object();

    /**
     * @param restored   checkpoints the run started from (their record counts carry on)
     * @param onFinished called after a finished split's checkpoint was written
     */
    CheckpointCommitter(CheckpointStore store, Map<String, SplitCheckpoint> restored, SyncMetrics metrics,
                        LongSupplier clock, Consumer<String> onFinished) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.onFinished = onFinished;
        restored.forEach((id, cp) -> recordsBefore.put(id, cp.records()));
    }

    /** The split's last fetch ended it at this sequence: once committed there, the split is finished. */
    void expectFinal(String splitId, long sequence) {
        finalSequence.put(splitId, sequence);
    }

    /** A record of the split was acknowledged (counted into the checkpoint's record count). */
    void acknowledged(String splitId) {
        acknowledged.computeIfAbsent(splitId, k -> new LongAdder()).increment();
    }

    /** Ack-tracker callback: the split's committed position advanced. Cheap; called on writer threads. */
    void committed(Position p) {
        SplitPosition sp = (SplitPosition) p;
        String id = sp.partition();
        synchronized (this) {
            unsaved.put(id, sp);
            Long last = finalSequence.get(id);
            if (last != null && sp.sequence() >= last) {
                finishing.add(id);
            }
        }
        metrics.split(id).committed(clock.getAsLong());
    }

    /** Whether a finished split waits for its checkpoint write (the pipeline then flushes at once). */
    synchronized boolean hasFinishing() {
        return !finishing.isEmpty();
    }

    /** Writes every split's newest committed position; then releases finished splits. */
    void flush() {
        synchronized (saving) {
            Map<String, SplitPosition> batch;
            Set<String> done;
            synchronized (this) {
                if (unsaved.isEmpty()) {
                    return;
                }
                batch = new HashMap<>(unsaved);
                unsaved.clear();
                done = new HashSet<>(finishing);
                finishing.clear();
            }
            long now = clock.getAsLong();
            List<SplitCheckpoint> rows = new ArrayList<>(batch.size());
            batch.forEach((id, p) -> rows.add(new SplitCheckpoint(id, p.state(), done.contains(id),
                    p.eventTimeMillis(), now, records(id))));
            try {
                store.save(rows);
            } catch (RuntimeException e) {
                synchronized (this) {
                    batch.forEach(unsaved::putIfAbsent); // nothing newer was committed meanwhile for these
                    finishing.addAll(done);
                }
                throw e;
            }
            for (SplitCheckpoint row : rows) {
                metrics.split(row.splitId()).checkpointed(now, row.eventTimeMillis(), row.records());
            }
            done.forEach(onFinished);
        }
    }

    private long records(String id) {
        LongAdder a = acknowledged.get(id);
        return recordsBefore.getOrDefault(id, 0L) + (a == null ? 0 : a.sum());
    }
}
