package io.tablesync.core.sync;

import io.tablesync.core.ack.AckTracker;
import io.tablesync.core.element.Record;
import io.tablesync.core.source.SplitPosition;
import io.tablesync.core.spi.ForwardingRecordReceiver;
import io.tablesync.core.spi.RecordReceiver;
import io.tablesync.core.spi.RecordSender;
import io.tablesync.core.spi.TaskPluginCollector;
import io.tablesync.core.spi.Writer;
import io.tablesync.core.stats.TaskCounters;
import io.tablesync.core.transport.Channel;
import io.tablesync.core.transport.ChannelAbortedException;
import io.tablesync.core.transport.ChannelRecordReceiver;
import io.tablesync.core.transport.ChannelRecordSender;
import io.tablesync.core.transformer.TransformerChain;
import io.tablesync.core.transformer.TransformingRecordSender;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel of a continuous run and the writer task that drains it (the engine's task, minus
 * the reader thread): every split is routed to one slot, so a split's records reach the sink in
 * order through one writer with one bulk in flight. Many split readers share the slot's sender,
 * one whole fetch at a time.
 */
final class ChannelSlot {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelSlot.class);

    final int index;
    final TaskCounters counters;
    private final Channel channel;
    private final AckTracker acks = new AckTracker();
    private final RecordSender sender;
    private final RecordReceiver receiver;
    private final Writer.Task writer;
    private final Consumer<Throwable> onFailure;
    private final CountDownLatch done = new CountDownLatch(1);
    private Thread thread;

    ChannelSlot(int index, TaskCounters counters, Channel channel, int bufferSize, TransformerChain transformers,
                Writer.Task writer, TaskPluginCollector readerCollector, AckListener ackListener, BooleanSupplier mayWrite,
                Consumer<Throwable> onFailure) {
        this.index = index;
        this.counters = counters;
        this.channel = channel;
        this.writer = writer;
        this.onFailure = onFailure;
        RecordSender toChannel = new ChannelRecordSender(channel, bufferSize, acks, readerCollector);
        // the job's transformers run between the readers and the channel, as in a DataX task
        this.sender = transformers.isEmpty() ? toChannel
                : new TransformingRecordSender(toChannel, transformers.forTask(), counters, readerCollector);
        this.receiver = new FencedReceiver(new ChannelRecordReceiver(channel, acks), ackListener, mayWrite);
    }

    /** Told of every record the sink acknowledged (before its position may be committed). */
    interface AckListener {
        void acknowledged(Record record);
    }

    AckTracker acks() {
        return acks;
    }

    void start(String threadName) {
        thread = new Thread(this::runWriter, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void runWriter() {
        try {
            writer.init();
            writer.prepare();
            writer.startWrite(receiver);
            if (!receiver.isEnded() && !channel.isAborted()) {
                throw new IllegalStateException("writer task " + index + " returned before its channel was closed");
            }
            writer.post();
        } catch (ChannelAbortedException e) {
            // the pipeline is being torn down; the cause is reported elsewhere
        } catch (Throwable t) {
            onFailure.accept(t);
        } finally {
            try {
                writer.destroy();
            } catch (Throwable t) {
                LOG.warn("writer task {} failed in destroy(): {}", index, t.toString());
            }
            done.countDown();
        }
    }

    /**
     * Hands one fetch to the writer: its records in order and, when no record carries the position
     * the fetch reached (it moved without a record, or a transformer dropped the last one), that
     * position — registered and acknowledged at once, so the split's checkpoint moves as soon as
     * everything before it is durable.
     */
    synchronized void send(List<Record> records, SplitPosition end) {
        for (Record r : records) {
            sender.sendToWriter(r);
        }
        sender.flush();
        if (end != null && !acks.hasSent(end)) {
            acks.sent(end);
            acks.acknowledged(end);
        }
    }

    /** No more records: the writer drains the channel, flushes, and returns. */
    synchronized void close() {
        sender.terminate();
    }

    /** Hard stop: what is not acknowledged stays unacknowledged, to be read again by the next run. */
    void abort() {
        channel.abort();
        acks.abort();
        if (thread != null) {
            thread.interrupt();
        }
    }

    boolean awaitDone(long nanos) throws InterruptedException {
        return done.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** The writer's receiver: tells the pipeline of every acknowledgement, and stops the writer once the lease is gone. */
    private static final class FencedReceiver extends ForwardingRecordReceiver {
        private final AckListener listener;
        private final BooleanSupplier mayWrite;

        FencedReceiver(RecordReceiver delegate, AckListener listener, BooleanSupplier mayWrite) {
            super(delegate);
            this.listener = listener;
            this.mayWrite = mayWrite;
        }

        @Override
        public void acknowledge(Record record) {
            listener.acknowledged(record);
            super.acknowledge(record);
        }

        @Override
        public void checkWritable() {
            if (!mayWrite.getAsBoolean()) {
                throw new ChannelAbortedException();
            }
        }
    }
}
