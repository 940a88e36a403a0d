package io.tablesync.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.tablesync.core.source.CheckpointStore;
import io.tablesync.core.source.LeaseStore;
import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitCheckpoint;
import io.tablesync.core.source.SplitEnumerator;
import io.tablesync.core.source.SplitReader;
import io.tablesync.core.source.SplitStatus;
import io.tablesync.core.source.StreamingSource;
import io.tablesync.core.spi.TaskPluginCollector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.junit.jupiter.api.Test;

/**
 * The parent-first rule across Flink subtasks: a child split is handed out only once a checkpoint that holds
 * its parent's finish completed (the parent's records are then durable in the sink), not when the reader
 * reports it; a reader restarted from a checkpoint has its unconfirmed finishes dropped until it reports them
 * again; a restored enumerator does not hand out again what readers hold in their own state.
 */
class SplitCoordinatorTest {
    private final FakeContext context = new FakeContext(2);
    private final Lineage lineage = new Lineage();
    private final List<SplitCheckpoint> saved = new ArrayList<>();

    @Test
    void aChildIsHandedOutOnlyAfterTheCheckpointHoldingItsParentsFinishCompleted() {
        SplitCoordinator c = coordinator(null);
        register(context, c, 0);
        assertThat(context.assigned).isEmpty(); // waits for every reader, or reader 0 would get everything
        register(context, c, 1);
        assertThat(context.assignedIds()).containsExactly("parent");

        c.snapshotState(1);
        c.handleSourceEvent(0, finished("parent"));
        c.notifyCheckpointComplete(1); // taken before the report: says nothing about the parent's records
        assertThat(context.assignedIds()).containsExactly("parent");

        c.snapshotState(2);
        assertThat(context.assignedIds()).containsExactly("parent");
        c.notifyCheckpointComplete(2);
        assertThat(context.assignedIds()).containsExactly("parent", "child");
        assertThat(saved).extracting(SplitCheckpoint::splitId, SplitCheckpoint::finished).containsExactly(
                org.assertj.core.groups.Tuple.tuple("parent", true));
        assertThat(context.events).containsEntry(0, List.of(new SplitEvents.Confirmed(List.of("parent"))));
    }

    @Test
    void aRestartedReadersUnconfirmedFinishCountsOnlyWhenReportedAgain() {
        SplitCoordinator c = coordinator(null);
        register(context, c, 0);
        register(context, c, 1);
        c.handleSourceEvent(0, finished("parent"));
        c.snapshotState(1);
        register(context, c, 0); // reader 0 failed and restarted from an older checkpoint
        c.notifyCheckpointComplete(1);
        assertThat(context.assignedIds()).containsExactly("parent");

        c.handleSourceEvent(0, finished("parent"));
        c.snapshotState(2);
        c.notifyCheckpointComplete(2);
        assertThat(context.assignedIds()).containsExactly("parent", "child");
    }

    @Test
    void aRestoredEnumeratorLeavesSplitsInReadersAloneAndKeepsDurableFinishes() {
        SplitCoordinator first = coordinator(null);
        register(context, first, 0);
        register(context, first, 1);
        first.handleSourceEvent(1, finished("parent"));
        CoordinatorState state = first.snapshotState(1); // the finish is in this checkpoint: durable once it completed
        assertThat(state.splits()).filteredOn(FlinkSplit::finished).extracting(FlinkSplit::id).containsExactly("parent");

        FakeContext restoredContext = new FakeContext(2);
        SplitCoordinator restored = new SplitCoordinator(restoredContext, new Source(new Lineage()), state, 1000);
        register(restoredContext, restored, 0);
        register(restoredContext, restored, 1);
        assertThat(restoredContext.assignedIds()).containsExactly("child");

        FakeContext fresh = new FakeContext(2);
        CoordinatorState beforeFinish = new SplitCoordinator(fresh, new Source(new Lineage()), null, 1000).snapshotState(7);
        FakeContext again = new FakeContext(2);
        SplitCoordinator withParentInAReader = new SplitCoordinator(again, new Source(new Lineage()),
                new CoordinatorState(beforeFinish.splits(), java.util.Set.of("parent")), 1000);
        register(again, withParentInAReader, 0);
        register(again, withParentInAReader, 1);
        assertThat(again.assigned).isEmpty(); // the parent is read by the reader that has it in its state
    }

    /** What Flink does when a reader (re)starts: it registers, then the enumerator is told. */
    private static void register(FakeContext context, SplitCoordinator c, int subtask) {
        context.readers.put(subtask, new ReaderInfo(subtask, "localhost"));
        c.addReader(subtask);
    }

    private static SplitEvents.Finished finished(String id) {
        return new SplitEvents.Finished(List.of(new FlinkSplit(id, List.of(), "END", true)));
    }

    private SplitCoordinator coordinator(CoordinatorState state) {
        return new SplitCoordinator(context, new Source(lineage), state, 1000);
    }

    /** A parent and its child, as a shard and the shard a split made of it. */
    private static final class Lineage implements SplitEnumerator {
        final Map<String, SplitStatus> status = new LinkedHashMap<>();
        final Map<String, String> states = new HashMap<>();

        Lineage() {
            status.put("parent", SplitStatus.READY);
            status.put("child", SplitStatus.WAITING_FOR_PARENTS);
        }

        void restore(Map<String, SplitCheckpoint> restored) {
            restored.forEach((id, cp) -> {
                states.put(id, cp.state());
                if (cp.finished()) {
                    status.put(id, SplitStatus.FINISHED);
                }
            });
            if (status.get("parent") == SplitStatus.FINISHED && status.get("child") == SplitStatus.WAITING_FOR_PARENTS) {
                status.put("child", SplitStatus.READY);
            }
        }

        @Override
        public int discover() {
            return 0;
        }

        @Override
        public List<SourceSplit> takeAssignable() {
            List<SourceSplit> out = new ArrayList<>();
            status.forEach((id, st) -> {
                if (st == SplitStatus.READY) {
                    out.add(split(id));
                }
            });
            out.forEach(s -> status.put(s.id(), SplitStatus.READING));
            return out;
        }

        @Override
        public void finished(String splitId) {
            status.put(splitId, SplitStatus.FINISHED);
            if (splitId.equals("parent")) {
                status.put("child", SplitStatus.READY);
            }
        }

        @Override
        public void unassigned(SourceSplit split) {
            status.put(split.id(), SplitStatus.READY);
        }

        @Override
        public Map<String, SplitStatus> statuses() {
            return status;
        }

        @Override
        public List<SourceSplit> snapshot() {
            return status.keySet().stream().map(this::split).toList();
        }

        private SourceSplit split(String id) {
            return new SourceSplit(id, id.equals("child") ? List.of("parent") : List.of(), states.getOrDefault(id, "START"));
        }
    }

    private final class Source implements StreamingSource {
        private final Lineage lineage;

        Source(Lineage lineage) {
            this.lineage = lineage;
        }

        @Override
        public String describe() {
            return "two splits";
        }

        @Override
        public boolean bounded() {
            return false;
        }

        @Override
        public void prepare() {
        }

        @Override
        public CheckpointStore checkpoints() {
            return new CheckpointStore() {
                @Override
                public Map<String, SplitCheckpoint> load() {
                    return Map.of();
                }

                @Override
                public void save(Collection<SplitCheckpoint> checkpoints) {
                    checkpoints.stream().filter(SplitCheckpoint::finished).forEach(saved::add);
                }
            };
        }

        @Override
        public LeaseStore leases() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SplitEnumerator enumerator(Map<String, SplitCheckpoint> restored) {
            lineage.restore(restored);
            return lineage;
        }

        @Override
        public SplitReader reader(SourceSplit split, TaskPluginCollector collector) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    private static final class FakeContext implements SplitEnumeratorContext<FlinkSplit> {
        final int parallelism;
        final Map<Integer, ReaderInfo> readers = new LinkedHashMap<>();
        final List<FlinkSplit> assigned = new ArrayList<>();
        final Map<Integer, List<SourceEvent>> events = new HashMap<>();

        FakeContext(int parallelism) {
            this.parallelism = parallelism;
        }

        List<String> assignedIds() {
            return assigned.stream().map(FlinkSplit::id).toList();
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
            events.computeIfAbsent(subtaskId, k -> new ArrayList<>()).add(event);
        }

        @Override
        public int currentParallelism() {
            return parallelism;
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return readers;
        }

        @Override
        public void assignSplits(SplitsAssignment<FlinkSplit> assignment) {
            assignment.assignment().values().forEach(assigned::addAll);
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
        }

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
        }

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            runnable.run();
        }
    }
}
