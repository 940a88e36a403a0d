package io.tablesync.flink.sink;

import io.tablesync.flink.FlinkTasks;
import io.tablesync.flink.JobSpec;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * The job's writer as a Sink V2: at-least-once — every record before a checkpoint is acknowledged by the
 * sink before the checkpoint completes — with idempotent writes applied in order per document (the stream
 * is keyed by document id before the sink), so a replay after a restore converges to the same index.
 */
public final class TablesyncSink implements Sink<Tuple2<String, byte[]>> {
    private static final long serialVersionUID = 1L;

    private final JobSpec spec;

    public TablesyncSink(JobSpec spec) {
        this.spec = spec;
    }

    @Override
    public SinkWriter<Tuple2<String, byte[]>> createWriter(WriterInitContext context) {
        return new TablesyncSinkWriter(spec, context.getSubtaskId(), FlinkTasks.metrics(context.metricGroup()));
    }

    /** Flink 1.20 still declares the old factory; it is never called when the one above exists. */
    @Override
    @Deprecated
    public SinkWriter<Tuple2<String, byte[]>> createWriter(InitContext context) {
        return new TablesyncSinkWriter(spec, context.getSubtaskId(), FlinkTasks.metrics(context.metricGroup()));
    }
}
