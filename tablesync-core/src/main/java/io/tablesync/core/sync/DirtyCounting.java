package io.tablesync.core.sync;

import io.tablesync.core.element.Record;
import io.tablesync.core.spi.TaskPluginCollector;

/** A plugin's collector that also counts dirty records by operation for the run's metrics. */
record DirtyCounting(TaskPluginCollector delegate, SyncMetrics metrics) implements TaskPluginCollector {
    @Override
    public void collectDirtyRecord(Record record, Throwable cause, String message) {
        if (record != null) {
            metrics.count(SyncMetrics.Stage.DIRTY, record);
        }
        delegate.collectDirtyRecord(record, cause, message);
    }

    @Override
    public void incrementCounter(String label, long delta) {
        delegate.incrementCounter(label, delta);
    }
}
