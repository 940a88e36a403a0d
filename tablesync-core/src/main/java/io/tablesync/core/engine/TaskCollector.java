package io.tablesync.core.engine;

import io.tablesync.core.element.Record;
import io.tablesync.core.metrics.SinkTelemetry;
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
    private final SinkTelemetry telemetry;

    public TaskCollector(DirtyRecordSink.Side side, TaskCounters counters, DirtyRecordSink sink, DirtyListener listener) {
        this(side, counters, sink, listener, SinkTelemetry.NONE);
    }

    /** With the telemetry a writer task reports its requests to (the metrics port's, when one is served). */
    public TaskCollector(DirtyRecordSink.Side side, TaskCounters counters, DirtyRecordSink sink, DirtyListener listener,
                         SinkTelemetry telemetry) {
        this.side = side;
        this.counters = counters;
        this.sink = sink;
        this.listener = listener;
        this.telemetry = telemetry;
    }

    /** Which side's dirty records this collector takes. */
    public DirtyRecordSink.Side side() {
        return side;
    }

    @Override
    public void collectDirtyRecord(Record record, Throwable cause, String message) {
        collectDirtyRecord(record, cause == null ? null : cause.getClass().getSimpleName(), cause, message);
    }

    @Override
    public void collectDirtyRecord(Record record, String reason, Throwable cause, String message) {
        long bytes = record == null ? 0 : record.getByteSize();
        if (side == DirtyRecordSink.Side.reader) {
            counters.readFailedRecords.incrementAndGet();
            counters.readFailedBytes.addAndGet(bytes);
            if (record != null) {
                counters.readFailedByOperation.add(record);
            }
        } else {
            counters.writeFailedRecords.incrementAndGet();
            counters.writeFailedBytes.addAndGet(bytes);
            if (record != null) {
                counters.writeFailedByOperation.add(record);
            }
        }
        counters.dirtyReasons.count(side.name(), reason);
        sink.accept(side, record, cause, message);
        listener.dirtyRecordCollected();
    }

    @Override
    public void incrementCounter(String label, long delta) {
        counters.addNamed(label, delta);
    }

    @Override
    public SinkTelemetry telemetry() {
        return telemetry;
    }
}
