package io.tablesync.core.sync;

import io.tablesync.core.element.Record;
import io.tablesync.core.engine.TaskCollector;
import io.tablesync.core.metrics.SinkTelemetry;
import io.tablesync.core.spi.TaskPluginCollector;

/**
 * A plugin's collector that also counts dirty records by operation and by reason for the run's
 * metrics, and hands the task the run's request telemetry.
 */
record DirtyCounting(TaskPluginCollector delegate, SyncMetrics metrics) implements TaskPluginCollector {
    @Override
    public void collectDirtyRecord(Record record, Throwable cause, String message) {
        collectDirtyRecord(record, cause == null ? null : cause.getClass().getSimpleName(), cause, message);
    }

    @Override
    public void collectDirtyRecord(Record record, String reason, Throwable cause, String message) {
        if (record != null) {
            metrics.count(SyncMetrics.Stage.DIRTY, record);
        }
        metrics.dirty(delegate instanceof TaskCollector c ? c.side().name() : "unknown", reason);
        delegate.collectDirtyRecord(record, reason, cause, message);
    }

    @Override
    public void incrementCounter(String label, long delta) {
        delegate.incrementCounter(label, delta);
    }

    @Override
    public SinkTelemetry telemetry() {
        return metrics.sinkTelemetry();
    }
}
