package io.tablesync.core.spi;

import io.tablesync.core.element.Record;
import io.tablesync.core.metrics.SinkTelemetry;

/** Where a task reports dirty records and other outcomes that must not pass silently. */
public interface TaskPluginCollector {
    /** A record that could not be read or written: counted, logged (first N), written to the dirty file. */
    void collectDirtyRecord(Record record, Throwable cause, String message);

    default void collectDirtyRecord(Record record, Throwable cause) {
        collectDirtyRecord(record, cause, null);
    }

    default void collectDirtyRecord(Record record, String message) {
        collectDirtyRecord(record, null, message);
    }

    /**
     * A dirty record with a short, machine-readable reason for the metrics (e.g. Elasticsearch's error
     * type {@code mapper_parsing_exception}); otherwise the same as the three-argument form.
     */
    default void collectDirtyRecord(Record record, String reason, Throwable cause, String message) {
        collectDirtyRecord(record, cause, message);
    }

    /**
     * Adds to a named counter that the final summary prints when non-zero (e.g. records dropped
     * under {@code ignoreWriteError}, deletes skipped by {@code deleteMode: ignore}).
     */
    void incrementCounter(String label, long delta);

    /** Where the task records request latencies and retries; records nothing unless the runner serves metrics. */
    default SinkTelemetry telemetry() {
        return SinkTelemetry.NONE;
    }
}
