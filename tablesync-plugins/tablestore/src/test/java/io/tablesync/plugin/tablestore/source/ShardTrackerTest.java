package io.tablesync.plugin.tablestore.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitStatus;
import io.tablesync.plugin.tablestore.stream.ShardInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardTrackerTest {
    private static List<String> ids(List<SourceSplit> splits) {
        return splits.stream().map(SourceSplit::id).toList();
    }

    @Test
    void aSplitChildWaitsForItsParentAndAMergeChildForBoth() {
        ShardTracker t = new ShardTracker();
        t.add(new ShardInfo("a", null, null), ShardState.TRIM_HORIZON);
        t.add(new ShardInfo("b", null, null), ShardState.TRIM_HORIZON);
        t.add(new ShardInfo("a1", "a", null), ShardState.TRIM_HORIZON);
        t.add(new ShardInfo("a2", "a", null), ShardState.TRIM_HORIZON);
        t.add(new ShardInfo("m", "a2", "b"), ShardState.TRIM_HORIZON);

        assertThat(ids(t.takeAvailable())).containsExactly("a", "b");
        assertThat(t.statuses()).containsEntry("a1", SplitStatus.WAITING_FOR_PARENTS).containsEntry("a", SplitStatus.READING);
        assertThat(t.takeAvailable()).isEmpty();

        t.finished("a");
        assertThat(ids(t.takeAvailable())).containsExactly("a1", "a2");
        t.finished("a2");
        assertThat(t.takeAvailable()).as("the merge child also waits for b").isEmpty();
        t.finished("b");
        assertThat(ids(t.takeAvailable())).containsExactly("m");
    }

    @Test
    void aParentTheStreamNoLongerListsExpiredAndCountsAsFinished() {
        ShardTracker t = new ShardTracker();
        t.add(new ShardInfo("child", "gone", null), ShardState.TRIM_HORIZON);
        assertThat(ids(t.takeAvailable())).containsExactly("child");
    }

    @Test
    void aFinishedShardIsNeverHandedOutAgainWhileTheStreamStillListsIt() {
        ShardTracker t = new ShardTracker();
        t.add(new ShardInfo("a", null, null), ShardState.TRIM_HORIZON);
        t.takeAvailable();
        t.finished("a");
        assertThat(t.add(new ShardInfo("a", null, null), ShardState.TRIM_HORIZON)).as("rediscovered").isFalse();
        assertThat(t.takeAvailable()).isEmpty();

        t.retainListed(List.of());
        assertThat(t.statuses()).as("forgotten once its records expired").isEmpty();
    }

    @Test
    void aStoredFinishedShardStartsFinishedAndReleasesItsChildren() {
        ShardTracker t = new ShardTracker();
        t.add(new ShardInfo("a", null, null), ShardState.SHARD_END);
        t.add(new ShardInfo("a1", "a", null), "iterator-1");
        List<SourceSplit> available = t.takeAvailable();
        assertThat(ids(available)).containsExactly("a1");
        assertThat(available.get(0).state()).isEqualTo("iterator-1");
        assertThat(available.get(0).parentIds()).containsExactly("a");
    }

    @Test
    void anUnassignedShardIsHandedOutAgainAtItsNewState() {
        ShardTracker t = new ShardTracker();
        t.add(new ShardInfo("a", null, null), ShardState.TRIM_HORIZON);
        t.takeAvailable();
        t.unassigned("a", "iterator-9");
        List<SourceSplit> again = t.takeAvailable();
        assertThat(ids(again)).containsExactly("a");
        assertThat(again.get(0).state()).isEqualTo("iterator-9");
    }
}
