package io.tablesync.flink.source;

import io.tablesync.core.source.SourceSplit;
import java.util.List;

/**
 * A split of the streaming SPI as Flink's split: its state is the source's own reading state (a shard
 * iterator, a snapshot range's next key), so a Flink checkpoint carries exact positions. A finished
 * split is kept in a reader's state, with its final state, until the enumerator has made the finish
 * durable ({@link SplitCoordinator}).
 */
public record FlinkSplit(String id, List<String> parentIds, String state, boolean finished)
        implements org.apache.flink.api.connector.source.SourceSplit, java.io.Serializable {
    public FlinkSplit {
        parentIds = List.copyOf(parentIds);
    }

    static FlinkSplit of(SourceSplit s) {
        return new FlinkSplit(s.id(), s.parentIds(), s.state(), false);
    }

    SourceSplit core() {
        return new SourceSplit(id, parentIds, state);
    }

    @Override
    public String splitId() {
        return id;
    }
}
