package io.tablesync.core.spi;

import io.tablesync.core.element.Record;

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
     * Adds to a named counter that the final summary prints when non-zero (e.g. records dropped
     * under {@code ignoreWriteError}, deletes skipped by {@code deleteMode: ignore}).
     */
    void incrementCounter(String label, long delta);
}
