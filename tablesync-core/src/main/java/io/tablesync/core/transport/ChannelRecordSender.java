package io.tablesync.core.transport;

import io.tablesync.core.ack.AckTracker;
import io.tablesync.core.ack.Acknowledgements;
import io.tablesync.core.element.DefaultRecord;
import io.tablesync.core.element.Record;
import io.tablesync.core.spi.RecordSender;
import io.tablesync.core.spi.TaskPluginCollector;
import java.util.Arrays;

/**
 * Buffers up to {@code bufferSize} records and pushes them as one batch. A record larger than the
 * channel's byte capacity can never fit: it becomes a reader dirty record, as in DataX.
 */
public final class ChannelRecordSender implements RecordSender {
    private final Channel channel;
    private final AckTracker ackTracker;
    private final TaskPluginCollector collector;
    private final Record[] buffer;
    private int size;
    private long bytes;
    private long memory;
    private boolean terminated;

    public ChannelRecordSender(Channel channel, int bufferSize, AckTracker ackTracker, TaskPluginCollector collector) {
        this.channel = channel;
        this.ackTracker = ackTracker;
        this.collector = collector;
        this.buffer = new Record[Math.max(1, bufferSize)];
    }

    @Override
    public Record createRecord() {
        return new DefaultRecord();
    }

    @Override
    public void sendToWriter(Record record) {
        if (terminated) {
            throw new IllegalStateException("sendToWriter after terminate");
        }
        int recordMemory = record.getMemorySize();
        if (recordMemory > channel.byteCapacity()) {
            collector.collectDirtyRecord(record, "record_too_large", null,
                    "单条记录超过大小限制，当前限制为:" + channel.byteCapacity());
            return;
        }
        if (size == buffer.length || memory + recordMemory > channel.byteCapacity()) {
            flush();
        }
        if (record.getPosition() != null) {
            ackTracker.sent(record.getPosition());
        }
        buffer[size++] = record;
        bytes += record.getByteSize();
        memory += recordMemory;
    }

    @Override
    public void flush() {
        if (size == 0) {
            return;
        }
        Record[] records = new Record[size];
        System.arraycopy(buffer, 0, records, 0, size);
        Arrays.fill(buffer, 0, size, null);
        Batch batch = new Batch(records, size, bytes, memory);
        size = 0;
        bytes = 0;
        memory = 0;
        channel.push(batch);
    }

    @Override
    public void terminate() {
        if (terminated) {
            return;
        }
        flush();
        terminated = true;
        channel.terminate();
    }

    @Override
    public Acknowledgements acknowledgements() {
        return ackTracker;
    }
}
