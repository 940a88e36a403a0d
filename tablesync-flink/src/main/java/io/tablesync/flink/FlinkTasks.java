package io.tablesync.flink;

import io.tablesync.core.element.Record;
import io.tablesync.core.engine.DirtyRecordSink;
import io.tablesync.core.engine.ErrorLimit;
import io.tablesync.core.engine.TaskCollector;
import io.tablesync.core.metrics.SinkTelemetry;
import io.tablesync.core.spi.TaskPluginCollector;
import io.tablesync.core.stats.TaskCounters;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every Flink subtask of a job sets up the same way. The collector: dirty records go to the job's dirty-record file in the format of
 * {@code run} and {@code sync} (one {@link DirtyRecordSink} per file and JVM, shared by the subtasks of
 * that JVM), are counted in the subtask's metrics, and are checked against the job's {@code errorLimit}
 * (per TaskManager JVM: the count of the dirty records this JVM wrote).
 */
public final class FlinkTasks {
    private static final Map<String, DirtyRecordSink> SINKS = new ConcurrentHashMap<>();

    private FlinkTasks() {
    }

    public static FlinkMetrics metrics(org.apache.flink.metrics.MetricGroup operatorGroup) {
        return new FlinkMetrics(operatorGroup);
    }

    public static io.tablesync.core.transformer.TransformerChain transformers(JobSpec spec) {
        return spec.transformers();
    }

    public static TaskPluginCollector collector(JobSpec spec, DirtyRecordSink.Side side, FlinkMetrics metrics, SinkTelemetry telemetry) {
        DirtyRecordSink sink = SINKS.computeIfAbsent(spec.dirtyRecordFile, f -> new DirtyRecordSink(Path.of(f),
                spec.root().getInt("core.statistics.collector.plugin.maxDirtyNumber", 10), spec.secrets));
        ErrorLimit limit = ErrorLimit.from(spec.root());
        TaskCollector counted = new TaskCollector(side, new TaskCounters(), sink, () -> limit.checkRecords(sink.count()),
                telemetry);
        return new TaskPluginCollector() {
            @Override
            public void collectDirtyRecord(Record record, Throwable cause, String message) {
                collectDirtyRecord(record, cause == null ? null : cause.getClass().getSimpleName(), cause, message);
            }

            @Override
            public void collectDirtyRecord(Record record, String reason, Throwable cause, String message) {
                metrics.dirty(side, reason, record);
                counted.collectDirtyRecord(record, reason, cause, message);
            }

            @Override
            public void incrementCounter(String label, long delta) {
                counted.incrementCounter(label, delta);
            }

            @Override
            public SinkTelemetry telemetry() {
                return telemetry;
            }
        };
    }

    /**
     * What a task throws for a tablesync failure: a user's mistake that no waiting heals (a wrong key, a
     * trimmed checkpoint, bad credentials, the error limit) fails the job without restarts, as it ends
     * {@code sync} with exit 1; anything else fails the task, and Flink restarts it from its last checkpoint.
     */
    public static RuntimeException failure(io.tablesync.core.TablesyncException e) {
        if (e.isUserError() && !e.isTransient()) {
            return new org.apache.flink.runtime.execution.SuppressRestartsException(e);
        }
        return e;
    }
}
