package io.tablesync.core.spi;

import io.tablesync.core.ack.Acknowledgements;
import io.tablesync.core.element.Record;

/** The reader's end of a channel. */
public interface RecordSender {
    Record createRecord();

    /** Queues a record for the writer; blocks while the channel is full (back-pressure). */
    void sendToWriter(Record record);

    /** Hands buffered records to the writer now (call when a source fetch returned fewer than a batch). */
    void flush();

    /** Ends the stream: flushes and tells the writer there is nothing more. Called by the engine too. */
    void terminate();

    /** Which sent records the writer has made durable; readers commit source checkpoints from this. */
    Acknowledgements acknowledgements();
}
