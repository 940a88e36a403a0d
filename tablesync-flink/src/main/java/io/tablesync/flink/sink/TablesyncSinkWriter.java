package io.tablesync.flink.sink;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.element.Record;
import io.tablesync.core.engine.DirtyRecordSink;
import io.tablesync.core.spi.ForwardingRecordReceiver;
import io.tablesync.core.spi.RecordReceiver;
import io.tablesync.core.spi.Writer;
import io.tablesync.flink.FlinkMetrics;
import io.tablesync.flink.FlinkTasks;
import io.tablesync.flink.JobSpec;
import io.tablesync.flink.RecordCodec;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.java.tuple.Tuple2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sink subtask: the job's writer task (for Elasticsearch: its BulkWriter with its conversions,
 * operations, retries, dirty records and one bulk request in flight) on a thread of its own, fed through a
 * {@link QueueReceiver}. {@link #flush} — which Flink calls before every checkpoint barrier passes the sink
 * — waits until the writer acknowledged every record it was given, so a checkpoint completes only when all
 * records before it are durable in the index. A failed writer fails the subtask (see
 * {@link FlinkTasks#failure}); Flink then restarts from the last checkpoint and the records after it are
 * read and written again, in order.
 */
final class TablesyncSinkWriter implements SinkWriter<Tuple2<String, byte[]>> {
    private static final Logger LOG = LoggerFactory.getLogger(TablesyncSinkWriter.class);

    private final QueueReceiver queue;
    private final FlinkMetrics metrics;
    private final Writer.Task task;
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean done;
    private volatile boolean closing;

    TablesyncSinkWriter(JobSpec spec, int subtask, FlinkMetrics metrics) {
        this.metrics = metrics;
        int capacity = spec.root().getInt("core.transport.channel.capacity", 512);
        this.queue = new QueueReceiver(Math.max(1, capacity));
        this.task = spec.writerPlugin().createTask();
        task.setPluginJobConf(spec.writerTask(subtask));
        task.setPeerPluginJobConf(spec.readerParameter());
        task.setPeerPluginName(spec.readerName);
        task.bindTask(subtask, FlinkTasks.collector(spec, DirtyRecordSink.Side.writer, metrics, metrics), () -> closing);
        this.thread = new Thread(this::runWriter, "tablesync-writer-" + subtask);
        thread.setDaemon(true);
        thread.start();
    }

    private void runWriter() {
        try {
            task.init();
            task.prepare();
            task.startWrite(new Counting(queue, metrics));
            task.post();
        } catch (io.tablesync.core.transport.ChannelAbortedException e) {
            // closed by Flink: nothing to report
        } catch (Throwable t) {
            if (!closing) {
                failure = t;
            }
        } finally {
            done = true;
            try {
                task.destroy();
            } catch (Throwable t) {
                LOG.warn("writer task failed in destroy(): {}", t.toString());
            }
        }
    }

    private boolean writerAlive() {
        return !done;
    }

    @Override
    public void write(Tuple2<String, byte[]> element, Context context) throws IOException, InterruptedException {
        checkWriter();
        queue.put(RecordCodec.decode(element.f1), this::writerAlive);
        checkWriter();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        if (!queue.awaitAcknowledged(this::writerAlive)) {
            checkWriter();
            throw new IOException("the writer task ended with " + queue.unacknowledged() + " records not acknowledged");
        }
    }

    private void checkWriter() throws IOException {
        Throwable t = failure;
        if (t == null) {
            if (done && !closing) {
                throw new IOException("the writer task returned before its input ended");
            }
            return;
        }
        if (t instanceof TablesyncException te) {
            throw FlinkTasks.failure(te);
        }
        throw new IOException("the writer task failed: " + t, t);
    }

    /**
     * At the end of a bounded job Flink has called {@link #flush} with end of input first, so nothing is left;
     * otherwise (failover, cancel) the writer stops without sending what it still holds: those records come again
     * from the restored positions.
     */
    @Override
    public void close() throws Exception {
        closing = true;
        queue.abort();
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** Counts each acknowledged record as written, as sync's metrics do. */
    private static final class Counting extends ForwardingRecordReceiver {
        private final FlinkMetrics metrics;

        Counting(RecordReceiver delegate, FlinkMetrics metrics) {
            super(delegate);
            this.metrics = metrics;
        }

        @Override
        public void acknowledge(Record record) {
            metrics.written(record);
            super.acknowledge(record);
        }
    }
}
