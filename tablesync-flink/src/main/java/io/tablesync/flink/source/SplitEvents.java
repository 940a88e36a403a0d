package io.tablesync.flink.source;

import java.util.List;
import org.apache.flink.api.connector.source.SourceEvent;

/** The two messages between the source readers and the enumerator about finished splits. */
final class SplitEvents {
    private SplitEvents() {
    }

    /** A reader read these splits to their end and emitted every record of them (final states included). */
    record Finished(List<FlinkSplit> splits) implements SourceEvent {
        private static final long serialVersionUID = 1L;

        Finished {
            splits = List.copyOf(splits);
        }
    }

    /** The enumerator's checkpoints now hold these finishes: readers may forget the splits. */
    record Confirmed(List<String> splitIds) implements SourceEvent {
        private static final long serialVersionUID = 1L;

        Confirmed {
            splitIds = List.copyOf(splitIds);
        }
    }
}
