package io.tablesync.flink.source;

import io.tablesync.core.source.SplitPosition;

/** A split's state while its reader has it: where reading resumes once everything emitted is durable. */
final class SplitProgress {
    private final FlinkSplit split;
    private String state;
    private long eventTimeMillis = -1;
    private long records;

    SplitProgress(FlinkSplit split) {
        this.split = split;
        this.state = split.state();
    }

    void advance(SplitPosition p, boolean withRecord) {
        state = p.state();
        if (p.eventTimeMillis() >= 0) {
            eventTimeMillis = p.eventTimeMillis();
        }
        if (withRecord) {
            records++;
        }
    }

    long eventTimeMillis() {
        return eventTimeMillis;
    }

    long records() {
        return records;
    }

    FlinkSplit toSplit(boolean finished) {
        return new FlinkSplit(split.id(), split.parentIds(), state, finished);
    }
}
