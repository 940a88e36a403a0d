package io.tablesync.core.engine;

import io.tablesync.core.ack.AckTracker;
import io.tablesync.core.spi.Reader;
import io.tablesync.core.spi.RecordSender;
import io.tablesync.core.transformer.TransformerChain;
import io.tablesync.core.transformer.TransformingRecordSender;
import io.tablesync.core.spi.Writer;
import io.tablesync.core.stats.TaskCounters;
import io.tablesync.core.transport.Channel;
import io.tablesync.core.transport.ChannelAbortedException;
import io.tablesync.core.transport.ChannelRecordReceiver;
import io.tablesync.core.transport.ChannelRecordSender;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task: a reader thread and a writer thread joined by one channel (DataX's TaskExecutor).
 * The task succeeds when the writer finished after the reader ended the stream.
 */
final class TaskExecution {
    private static final Logger LOG = LoggerFactory.getLogger(TaskExecution.class);

    interface Listener {
        void taskFinished(TaskExecution task, Throwable error);
    }

    final int taskId;
    final TaskCounters counters;
    private final Reader.Task reader;
    private final Writer.Task writer;
    private final Channel channel;
    private final RecordSender sender;
    private final ChannelRecordReceiver receiver;
    private final Listener listener;
    private final AckTracker acks;
    private final String threadPrefix;
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final CountDownLatch done = new CountDownLatch(2);
    private Thread readerThread;
    private Thread writerThread;

    TaskExecution(int taskId, String threadPrefix, TaskCounters counters, Channel channel, int bufferSize,
            Reader.Task reader, Writer.Task writer, TaskCollector readerCollector, TransformerChain transformers,
            Listener listener) {
        this.taskId = taskId;
        this.threadPrefix = threadPrefix;
        this.counters = counters;
        this.reader = reader;
        this.writer = writer;
        this.channel = channel;
        this.listener = listener;
        this.acks = new AckTracker();
        RecordSender toChannel = new ChannelRecordSender(channel, bufferSize, acks, readerCollector);
        this.sender = transformers.isEmpty() ? toChannel
                : new TransformingRecordSender(toChannel, transformers.forTask(), counters, readerCollector);
        this.receiver = new ChannelRecordReceiver(channel, acks);
    }

    void start() {
        // The writer starts first, as in DataX, so the reader never waits on an absent consumer.
        writerThread = new Thread(this::runWriter, threadPrefix + "-writer");
        readerThread = new Thread(this::runReader, threadPrefix + "-reader");
        writerThread.start();
        readerThread.start();
    }

    private void runReader() {
        try {
            reader.init();
            reader.prepare();
            reader.startRead(sender);
            sender.terminate();
            reader.post();
        } catch (Throwable t) {
            fail(t);
        } finally {
            destroyQuietly(reader::destroy, "reader");
            finishSide();
        }
    }

    private void runWriter() {
        try {
            writer.init();
            writer.prepare();
            writer.startWrite(receiver);
            if (!receiver.isEnded() && !channel.isAborted() && error.get() == null) {
                // A writer must consume the whole stream; otherwise the reader would block forever.
                throw new IllegalStateException("writer task " + taskId + " returned before the reader ended the stream");
            }
            writer.post();
        } catch (Throwable t) {
            fail(t);
        } finally {
            destroyQuietly(writer::destroy, "writer");
            finishSide();
        }
    }

    private void fail(Throwable t) {
        if (t instanceof ChannelAbortedException) {
            return; // a consequence of another failure, never the cause
        }
        if (error.compareAndSet(null, t)) {
            channel.abort();
            acks.abort(); // a reader waiting for acknowledgements must not wait for a dead writer
        }
    }

    private void finishSide() {
        done.countDown();
        if (done.getCount() == 0) {
            listener.taskFinished(this, error.get());
        }
    }

    private void destroyQuietly(Runnable destroy, String side) {
        try {
            destroy.run();
        } catch (Throwable t) {
            LOG.warn("{} task {} failed in destroy(): {}", side, taskId, t.toString());
        }
    }

    /** Hard stop: the channel wakes and fails both sides; threads are interrupted out of blocking IO. */
    void abort() {
        channel.abort();
        acks.abort();
        if (readerThread != null) {
            readerThread.interrupt();
        }
        if (writerThread != null) {
            writerThread.interrupt();
        }
    }

    /** The channel is empty and every record sent with a source position was acknowledged. */
    boolean nothingInFlight() {
        return channel.isEmpty() && acks.pending() == 0;
    }

    boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }
}
