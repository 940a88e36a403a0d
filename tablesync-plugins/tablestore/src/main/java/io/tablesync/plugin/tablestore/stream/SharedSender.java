package io.tablesync.plugin.tablestore.stream;

import io.tablesync.core.element.Record;
import io.tablesync.core.spi.RecordSender;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One task's sender, shared by the shard readers running in parallel (threadNum). The engine's
 * sender is not thread-safe, so every access is serialised; a reader hands over a whole fetched
 * batch at once to keep the lock cheap.
 */
final class SharedSender {
    private static final Duration ACK_POLL = Duration.ofMillis(500);

    private final RecordSender sender;

    SharedSender(RecordSender sender) {
        this.sender = sender;
    }

    void send(List<Record> records) {
        if (records.isEmpty()) {
            return;
        }
        synchronized (sender) {
            for (Record r : records) {
                sender.sendToWriter(r);
            }
        }
    }

    /**
     * Pushes buffered records to the writer and waits until it acknowledged everything sent from
     * the shard. False if the job is stopping first: then no checkpoint may be written.
     */
    boolean awaitAcknowledged(String shardId, BooleanSupplier stop) throws InterruptedException {
        synchronized (sender) {
            sender.flush();
        }
        while (!sender.acknowledgements().awaitAcknowledged(shardId, ACK_POLL)) {
            if (stop.getAsBoolean()) {
                return false;
            }
        }
        return true;
    }
}
