package io.tablesync.flink;

import io.tablesync.core.element.Record;
import io.tablesync.core.engine.DirtyRecordSink;
import io.tablesync.core.metrics.SinkTelemetry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The metrics of {@code sync} that mean the same in a Flink subtask, under the same names in a
 * {@code tablesync} group with the same labels as key/value groups: a Prometheus reporter shows
 * {@code tablesync_records_total} as {@code flink_taskmanager_job_task_operator_tablesync_records_total}
 * with {@code stage} and {@code operation} labels. Records are counted by the operator that sees them:
 * {@code read} by the source, {@code written} (acknowledged by the sink) and {@code dirty} by the sink.
 */
public final class FlinkMetrics implements SinkTelemetry {
    private final MetricGroup group;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile DescriptiveStatisticsHistogram requestMillis;
    private volatile DescriptiveStatisticsHistogram bulkDocuments;

    FlinkMetrics(MetricGroup operatorGroup) {
        this.group = operatorGroup.addGroup("tablesync");
    }

    public void read(Record r) {
        records("read", r);
    }

    public void written(Record r) {
        records("written", r);
    }

    void dirty(DirtyRecordSink.Side side, String reason, Record r) {
        if (r != null) {
            records("dirty", r);
        }
        counter("dirty_records_total", "side", side.name(), "reason", reason == null ? "unknown" : reason).inc();
    }

    private void records(String stage, Record r) {
        String op = r.getOperation().name().toLowerCase(Locale.ROOT);
        counter("records_total", "stage", stage, "operation", op).inc();
        counter("bytes_total", "stage", stage, null, null).inc(r.getByteSize());
    }

    @Override
    public void request(long nanos, int actions, long bytes, String failure) {
        if (requestMillis == null) {
            synchronized (this) {
                if (requestMillis == null) {
                    bulkDocuments = group.histogram("bulk_documents", new DescriptiveStatisticsHistogram(1000));
                    requestMillis = group.histogram("bulk_request_milliseconds", new DescriptiveStatisticsHistogram(1000));
                }
            }
        }
        if (failure == null) {
            requestMillis.update(TimeUnit.NANOSECONDS.toMillis(nanos));
            bulkDocuments.update(actions);
        }
    }

    @Override
    public void retried(String reason, int items) {
        counter("retries_total", "reason", reason, null, null).inc(items);
    }

    private Counter counter(String name, String k1, String v1, String k2, String v2) {
        String key = name + '|' + v1 + '|' + v2;
        return counters.computeIfAbsent(key, k -> {
            MetricGroup g = group.addGroup(k1, v1);
            if (k2 != null) {
                g = g.addGroup(k2, v2);
            }
            return g.counter(name);
        });
    }
}
