package io.tablesync.core.spi;

import io.tablesync.core.element.Record;
import java.time.Duration;

/** The writer's end of a channel. */
public interface RecordReceiver {
    /** The next record, blocking; null once the reader has terminated and everything was received. */
    Record getFromReader();

    /**
     * The next record, waiting at most {@code timeout}; null on timeout or at the end — tell them
     * apart with {@link #isEnded()}. Lets writers flush partial batches when traffic is low.
     */
    Record poll(Duration timeout);

    /** True once the reader terminated and every record was handed out. */
    boolean isEnded();

    /** The record is durable in the sink (or recorded as dirty): its source position may be committed. */
    void acknowledge(Record record);

    /**
     * Writers call this right before each request to the sink. It throws
     * {@link io.tablesync.core.transport.ChannelAbortedException} once this process may no longer write
     * (a continuous run lost its lease: another process took the job over) — the writer then ends
     * without sending what it buffered, because those records may be older than what the other
     * process already wrote.
     */
    default void checkWritable() {
    }
}
