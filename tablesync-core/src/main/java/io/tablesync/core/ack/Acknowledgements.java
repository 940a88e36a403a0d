package io.tablesync.core.ack;

import io.tablesync.core.element.Position;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The reader's view of what the writer has made durable. A reader commits a partition's
 * checkpoint only up to {@link #committed(String)}: the highest position such that it and every
 * position sent before it on that partition were acknowledged. That is what makes crash recovery
 * exact (DESIGN.md, "Data flow").
 */
public interface Acknowledgements {
    /** Highest contiguously acknowledged position of the partition, or null if none yet. */
    Position committed(String partition);

    /** Number of sent records not yet acknowledged, over all partitions. */
    long pending();

    /**
     * Waits until every record sent so far on the partition is acknowledged. False on timeout;
     * throws {@link io.tablesync.core.transport.ChannelAbortedException} once the task failed.
     */
    boolean awaitAcknowledged(String partition, Duration timeout) throws InterruptedException;

    /** Waits until every record sent so far is acknowledged. False on timeout. */
    boolean awaitAllAcknowledged(Duration timeout) throws InterruptedException;

    /** Called, on the acknowledging thread, whenever a partition's committed position advances. */
    void onCommitted(Consumer<Position> listener);
}
