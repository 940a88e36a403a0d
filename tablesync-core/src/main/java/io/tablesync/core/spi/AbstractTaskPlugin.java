package io.tablesync.core.spi;

import java.util.function.BooleanSupplier;

/** The task-side half of a plugin: one instance per task, on its own thread. */
public abstract class AbstractTaskPlugin extends AbstractPlugin {
    private int taskId;
    private TaskPluginCollector collector;
    private BooleanSupplier stopRequested = () -> false;

    public int getTaskId() {
        return taskId;
    }

    public TaskPluginCollector getTaskPluginCollector() {
        return collector;
    }

    /**
     * True once the job was asked to stop (SIGTERM, or another task failed). A reader should stop
     * reading and return from startRead; what it already sent is still written and acknowledged.
     */
    public boolean isStopRequested() {
        return stopRequested.getAsBoolean();
    }

    // Set by the engine before init().
    public final void bindTask(int taskId, TaskPluginCollector collector, BooleanSupplier stopRequested) {
        this.taskId = taskId;
        this.collector = collector;
        this.stopRequested = stopRequested;
    }
}
