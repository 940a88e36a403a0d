package io.tablesync.core.spi;

import io.tablesync.core.element.Record;
import java.time.Duration;

/**
 * A receiver that hands every call to another one: a runner wraps a channel's receiver in a subclass that adds what it
 * needs to one call (counting acknowledgements, fencing writes) and leaves the rest as it is.
 */
public abstract class ForwardingRecordReceiver implements RecordReceiver {
    private final RecordReceiver delegate;

    protected ForwardingRecordReceiver(RecordReceiver delegate) {
        this.delegate = delegate;
    }

    @Override
    public Record getFromReader() {
        return delegate.getFromReader();
    }

    @Override
    public Record poll(Duration timeout) {
        return delegate.poll(timeout);
    }

    @Override
    public boolean isEnded() {
        return delegate.isEnded();
    }

    @Override
    public void acknowledge(Record record) {
        delegate.acknowledge(record);
    }

    @Override
    public void checkWritable() {
        delegate.checkWritable();
    }
}
