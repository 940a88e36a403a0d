package io.tablesync.flink.source;

import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitCheckpoint;
import io.tablesync.core.source.SplitEnumerator;
import io.tablesync.core.source.SplitStatus;
import io.tablesync.core.source.StreamingSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink's split enumerator is the source's own {@link SplitEnumerator} (for Tablestore: the shard
 * enumerator with its parent-first rule, behind the snapshot's ranges with {@code --snapshot}); this class
 * only moves its splits to Flink's readers and its discovery onto Flink's coordinator thread.
 *
 * <p>When a split is finished: a reader reports it after it emitted the split's last record. Its children
 * may be read only once everything read from it is durable in the sink, and in Flink that is the case
 * once a checkpoint completes whose enumerator state was taken after the report arrived (the report was
 * sent after the records, the records travel before that checkpoint's barriers, and the sink flushes and
 * waits for its acknowledgements before a checkpoint completes). So a reported finish is taken into the
 * next checkpoint, and the source's enumerator learns of it — and hands out the children — when that
 * checkpoint completes. Then the readers are told they may forget the split (until then they keep it in
 * their own checkpoints, so that no finish can fall between an enumerator checkpoint and a reader one).
 * The finish is also written to the source's checkpoint store, as {@code sync} writes it.
 */
final class SplitCoordinator implements org.apache.flink.api.connector.source.SplitEnumerator<FlinkSplit, CoordinatorState> {
    private static final Logger LOG = LoggerFactory.getLogger(SplitCoordinator.class);

    private final SplitEnumeratorContext<FlinkSplit> context;
    private final StreamingSource source;
    private final SplitEnumerator splits;
    private final long discoveryIntervalMillis;
    /** Splits a reader had at the restored checkpoint: the source's enumerator offers them again, but they are read already. */
    private final Set<String> inReaders;
    private final Map<String, Integer> owner = new HashMap<>();
    private final List<FlinkSplit> unassigned = new ArrayList<>();
    /** Finishes reported since the last enumerator checkpoint, with the split's final state. */
    private final Map<String, FlinkSplit> reported = new LinkedHashMap<>();
    /** Finishes taken into a checkpoint, by checkpoint id, until it completes. */
    private final NavigableMap<Long, List<FlinkSplit>> inCheckpoint = new TreeMap<>();
    private final Set<String> finished = new HashSet<>();
    /** Which reader reported each finish that is not durable yet. */
    private final Map<String, Integer> reporter = new HashMap<>();
    private final Set<Integer> toldNoMoreSplits = new HashSet<>();

    SplitCoordinator(SplitEnumeratorContext<FlinkSplit> context, StreamingSource source, CoordinatorState restoredState,
                     long discoveryIntervalMillis) {
        this.context = context;
        this.source = source;
        this.discoveryIntervalMillis = discoveryIntervalMillis;
        Map<String, SplitCheckpoint> restored;
        long now = System.currentTimeMillis();
        if (restoredState == null) {
            // a new Flink job: where the job's checkpoint store says (a previous run of sync or Flink), as sync starts
            restored = source.checkpoints().load();
            inReaders = new HashSet<>();
        } else {
            restored = new LinkedHashMap<>();
            for (FlinkSplit s : restoredState.splits()) {
                restored.put(s.id(), new SplitCheckpoint(s.id(), s.state(), s.finished(), -1, now, 0));
            }
            inReaders = new HashSet<>(restoredState.inReaders());
        }
        this.splits = source.enumerator(restored);
        this.splits.discover();
        splits.statuses().forEach((id, st) -> {
            if (st == SplitStatus.FINISHED) {
                finished.add(id);
            }
        });
        if (restoredState == null) {
            saveStartStates(restored, now);
        }
    }

    /** Splits without a stored checkpoint get one at their start, so a new job started again starts them at the same place. */
    private void saveStartStates(Map<String, SplitCheckpoint> restored, long now) {
        List<SplitCheckpoint> fresh = new ArrayList<>();
        for (SourceSplit s : splits.snapshot()) {
            if (!restored.containsKey(s.id())) {
                fresh.add(new SplitCheckpoint(s.id(), s.state(), finished.contains(s.id()), -1, now, 0));
            }
        }
        if (!fresh.isEmpty()) {
            source.checkpoints().save(fresh);
        }
    }

    @Override
    public void start() {
        // discovery on a worker thread would race the (single-threaded) enumerator: the worker does nothing,
        // the handler — on the coordinator thread — discovers and assigns
        context.callAsync(() -> Boolean.TRUE, (ignored, error) -> discoverAndAssign(), 0, discoveryIntervalMillis);
    }

    private void discoverAndAssign() {
        int added;
        try {
            added = splits.discover();
        } catch (io.tablesync.core.TablesyncException e) {
            throw io.tablesync.flink.FlinkTasks.failure(e); // e.g. an unfinished shard whose changes expired
        }
        if (added > 0) {
            LOG.info("{} new split(s) found", added);
        }
        assign();
    }

    private void assign() {
        for (SourceSplit s : splits.takeAssignable()) {
            if (inReaders.remove(s.id())) {
                continue; // restored inside a reader, with its own state
            }
            unassigned.add(FlinkSplit.of(s));
        }
        Map<Integer, ?> readers = context.registeredReaders();
        if (readers.size() < context.currentParallelism()) {
            return; // wait for every reader (at start and after a restart), or the first one would get every split
        }
        for (FlinkSplit s : unassigned) {
            int target = readers.keySet().stream().min(Comparator.comparingLong(this::load).thenComparing(i -> i)).orElseThrow();
            owner.put(s.id(), target);
            LOG.info("split {} (parents {}) to reader {}", s.id(), s.parentIds(), target);
            context.assignSplit(s, target);
        }
        unassigned.clear();
        signalEndWhenBoundedAndDone();
    }

    private long load(int subtask) {
        return owner.values().stream().filter(o -> o == subtask).count();
    }

    private void signalEndWhenBoundedAndDone() {
        if (!source.bounded()) {
            return;
        }
        Map<String, SplitStatus> st = splits.statuses();
        if (!st.isEmpty() && st.values().stream().allMatch(s -> s == SplitStatus.FINISHED)) {
            for (int reader : context.registeredReaders().keySet()) {
                if (toldNoMoreSplits.add(reader)) {
                    context.signalNoMoreSplits(reader);
                }
            }
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // splits are pushed as they become readable
    }

    @Override
    public void addSplitsBack(List<FlinkSplit> returned, int subtaskId) {
        for (FlinkSplit s : returned) {
            owner.remove(s.id());
            splits.unassigned(s.core()); // assigned after the checkpoint the reader restarted from: handed out again
        }
        assign();
    }

    /**
     * A reader registers when it starts, also after a failover restarted it from a checkpoint: its finishes
     * that no completed checkpoint holds yet were read before that checkpoint's restore point, so they are
     * dropped — the restored reader reads those splits again and reports them again.
     */
    @Override
    public void addReader(int subtaskId) {
        List<String> dropped = new ArrayList<>();
        reporter.entrySet().removeIf(e -> {
            if (e.getValue() == subtaskId) {
                dropped.add(e.getKey());
                return true;
            }
            return false;
        });
        if (!dropped.isEmpty()) {
            dropped.forEach(reported::remove);
            inCheckpoint.values().forEach(l -> l.removeIf(s -> dropped.contains(s.id())));
            LOG.info("reader {} restarted: its finishes of {} count again once it reports them again", subtaskId, dropped);
        }
        assign();
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (event instanceof SplitEvents.Finished f) {
            List<String> known = new ArrayList<>();
            for (FlinkSplit s : f.splits()) {
                owner.remove(s.id());
                if (finished.contains(s.id())) {
                    known.add(s.id()); // a reader restored from a checkpoint older than the confirmation
                } else {
                    reported.put(s.id(), s);
                    reporter.put(s.id(), subtaskId);
                }
            }
            if (!known.isEmpty()) {
                context.sendEventToSourceReader(subtaskId, new SplitEvents.Confirmed(known));
            }
        }
    }

    @Override
    public CoordinatorState snapshotState(long checkpointId) {
        if (!reported.isEmpty()) {
            inCheckpoint.put(checkpointId, new ArrayList<>(reported.values()));
            reported.clear();
        }
        Set<String> pending = new HashSet<>();
        inCheckpoint.values().forEach(l -> l.forEach(s -> pending.add(s.id())));
        Map<String, SplitStatus> statuses = splits.statuses();
        List<FlinkSplit> out = new ArrayList<>();
        Set<String> reading = new TreeSet<>(inReaders);
        for (SourceSplit s : splits.snapshot()) {
            boolean done = finished.contains(s.id()) || pending.contains(s.id());
            out.add(new FlinkSplit(s.id(), s.parentIds(), s.state(), done));
            if (!done && statuses.get(s.id()) == SplitStatus.READING && unassigned.stream().noneMatch(u -> u.id().equals(s.id()))) {
                reading.add(s.id());
            }
        }
        return new CoordinatorState(out, reading);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        NavigableMap<Long, List<FlinkSplit>> durable = inCheckpoint.headMap(checkpointId, true);
        if (durable.isEmpty()) {
            return;
        }
        List<FlinkSplit> done = new ArrayList<>();
        durable.values().forEach(done::addAll);
        durable.clear();
        long now = System.currentTimeMillis();
        List<SplitCheckpoint> rows = new ArrayList<>();
        for (FlinkSplit s : done) {
            reporter.remove(s.id());
            if (finished.add(s.id())) {
                splits.finished(s.id());
                rows.add(new SplitCheckpoint(s.id(), s.state(), true, -1, now, 0));
                LOG.info("split {} finished: everything read from it is written and checkpointed", s.id());
            }
        }
        source.checkpoints().save(rows);
        List<String> ids = done.stream().map(FlinkSplit::id).toList();
        for (int reader : context.registeredReaders().keySet()) {
            context.sendEventToSourceReader(reader, new SplitEvents.Confirmed(ids));
        }
        discoverAndAssign();
    }

    @Override
    public void close() {
        source.close();
    }
}
