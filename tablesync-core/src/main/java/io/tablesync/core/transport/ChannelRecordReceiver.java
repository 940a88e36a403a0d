package io.tablesync.core.transport;

import io.tablesync.core.ack.AckTracker;
import io.tablesync.core.element.Record;
import io.tablesync.core.spi.RecordReceiver;
import java.time.Duration;

/** Hands out the records of pulled batches one by one and routes acknowledgements to the tracker. */
public final class ChannelRecordReceiver implements RecordReceiver {
    private final Channel channel;
    private final AckTracker ackTracker;
    private Batch current;
    private int index;
    private boolean ended;

    public ChannelRecordReceiver(Channel channel, AckTracker ackTracker) {
        this.channel = channel;
        this.ackTracker = ackTracker;
    }

    @Override
    public Record getFromReader() {
        return next(-1);
    }

    @Override
    public Record poll(Duration timeout) {
        return next(Math.max(0, timeout.toNanos()));
    }

    private Record next(long timeoutNanos) {
        if (current != null && index < current.size) {
            Record r = current.records[index];
            current.records[index++] = null; // let acknowledged records be collected early
            return r;
        }
        if (ended) {
            return null;
        }
        Batch b = channel.pull(timeoutNanos);
        if (b == null) {
            current = null;
            if (channel.isDrained()) {
                ended = true;
            }
            return null;
        }
        current = b;
        index = 1;
        Record r = b.records[0];
        b.records[0] = null;
        return r;
    }

    @Override
    public boolean isEnded() {
        return ended;
    }

    @Override
    public void acknowledge(Record record) {
        if (record.getPosition() != null) {
            ackTracker.acknowledged(record.getPosition());
        }
    }
}
