package io.tablesync.core.engine;

import io.tablesync.core.element.Record;
import io.tablesync.core.spi.TaskPluginCollector;
import io.tablesync.core.stats.TaskCounters;

/** One task side's collector: counts a dirty record, hands it to the sink, and lets the job check its limit. */
public final class TaskCollector implements TaskPluginCollector {
    public interface DirtyListener {
        void dirtyRecordCollected();
    }

    private final DirtyRecordSink.Side side;
    private final TaskCounters counters;
    private final DirtyRecordSink sink;
    private final DirtyListener listener;

    public TaskCollector(DirtyRecordSink.Side side, TaskCounters counters, DirtyRecordSink sink, DirtyListener listener) {
        this.side = side;
        this.counters = counters;
        this.sink = sink;
        this.listener = listener;
    }

    /** Which side's dirty records this collector takes. */
    public DirtyRecordSink.Side side() {
        return side;
    }

    @Override
    public void collectDirtyRecord(Record record, Throwable cause, String message) {
        long bytes = record == null ? 0 : record.getByteSize();
        if (side == DirtyRecordSink.Side.reader) {
            counters.readFailedRecords.incrementAndGet();
            counters.readFailedBytes.addAndGet(bytes);
        } else {
            counters.writeFailedRecords.incrementAndGet();
            counters.writeFailedBytes.addAndGet(bytes);
        }
        sink.accept(side, record, cause, message);
        listener.dirtyRecordCollected();
    }

    @Override
    public void incrementCounter(String label, long delta) {
        counters.addNamed(label, delta);
    }
}
