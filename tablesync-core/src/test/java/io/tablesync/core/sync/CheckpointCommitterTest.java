package io.tablesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tablesync.core.ack.AckTracker;
import io.tablesync.core.source.CheckpointStore;
import io.tablesync.core.source.SplitCheckpoint;
import io.tablesync.core.source.SplitPosition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointCommitterTest {
    /** Our own SPI in memory: the status table implementation is tested against tablestore-local elsewhere. */
    static final class MemoryStore implements CheckpointStore {
        final Map<String, SplitCheckpoint> rows = new LinkedHashMap<>();
        final List<List<SplitCheckpoint>> writes = new ArrayList<>();
        boolean failing;

        @Override
        public Map<String, SplitCheckpoint> load() {
            return new LinkedHashMap<>(rows);
        }

        @Override
        public void save(Collection<SplitCheckpoint> checkpoints) {
            if (failing) {
                throw new IllegalStateException("store down");
            }
            writes.add(List.copyOf(checkpoints));
            checkpoints.forEach(c -> rows.put(c.splitId(), c));
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final List<String> finished = new ArrayList<>();
    private final AckTracker acks = new AckTracker();

    private CheckpointCommitter committer(Map<String, SplitCheckpoint> restored) {
        CheckpointCommitter c = new CheckpointCommitter(store, restored, new SyncMetrics(), () -> 1000L, finished::add);
        acks.onCommitted(c::committed);
        return c;
    }

    private static SplitPosition pos(String split, long seq, String state) {
        return new SplitPosition(split, seq, state, 500 + seq);
    }

    @Test
    void aCheckpointNeverPassesARecordThatIsNotAcknowledged() {
        CheckpointCommitter c = committer(Map.of());
        SplitPosition p1 = pos("s", 1, "page-1");
        SplitPosition p2 = pos("s", 2, "page-2");
        SplitPosition p3 = pos("s", 3, "page-3");
        acks.sent(p1);
        acks.sent(p2);
        acks.sent(p3);
        acks.acknowledged(p3); // out of order: the writer retried 1 and 2
        c.flush();
        assertThat(store.rows).isEmpty();
        acks.acknowledged(p1);
        c.flush();
        assertThat(store.rows.get("s").state()).isEqualTo("page-1");
        acks.acknowledged(p2);
        c.flush();
        assertThat(store.rows.get("s").state()).isEqualTo("page-3");
        assertThat(store.rows.get("s").eventTimeMillis()).isEqualTo(503);
        assertThat(store.writes).hasSize(2);
    }

    @Test
    void onlyTheNewestPositionPerSplitIsWrittenPerFlush() {
        CheckpointCommitter c = committer(Map.of());
        for (int i = 1; i <= 100; i++) {
            SplitPosition p = pos("s", i, "page-" + i);
            acks.sent(p);
            acks.acknowledged(p);
            c.acknowledged("s");
        }
        c.flush();
        assertThat(store.writes).hasSize(1);
        assertThat(store.writes.get(0)).singleElement()
                .satisfies(cp -> assertThat(cp.state()).isEqualTo("page-100"))
                .satisfies(cp -> assertThat(cp.records()).isEqualTo(100));
    }

    @Test
    void aSplitIsFinishedOnlyOnceItsFinalPositionIsCommittedAndWritten() {
        CheckpointCommitter c = committer(Map.of("s", new SplitCheckpoint("s", "old", false, -1, 0, 40)));
        SplitPosition last = pos("s", 2, "SHARD_END");
        acks.sent(pos("s", 1, "page-1"));
        c.expectFinal("s", 2);
        acks.sent(last);
        acks.acknowledged(last);
        assertThat(c.hasFinishing()).isFalse();
        c.flush();
        assertThat(finished).isEmpty();
        acks.acknowledged(pos("s", 1, "page-1"));
        assertThat(c.hasFinishing()).isTrue();
        c.acknowledged("s");
        c.flush();
        assertThat(finished).containsExactly("s");
        SplitCheckpoint cp = store.rows.get("s");
        assertThat(cp.finished()).isTrue();
        assertThat(cp.records()).as("counts carry on from the restored checkpoint").isEqualTo(41);
    }

    @Test
    void aFailedWriteKeepsTheProgressForTheNextFlushAndReleasesNothing() {
        CheckpointCommitter c = committer(Map.of());
        SplitPosition last = pos("s", 1, "SHARD_END");
        c.expectFinal("s", 1);
        acks.sent(last);
        acks.acknowledged(last);
        store.failing = true;
        assertThatThrownBy(c::flush).hasMessageContaining("store down");
        assertThat(finished).isEmpty();
        store.failing = false;
        c.flush();
        assertThat(store.rows.get("s").state()).isEqualTo("SHARD_END");
        assertThat(finished).containsExactly("s");
    }
}
