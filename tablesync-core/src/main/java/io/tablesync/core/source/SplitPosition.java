package io.tablesync.core.source;

import io.tablesync.core.element.Position;

/**
 * A record's place in its split, as a streaming source assigns it: the split id is the ack
 * partition, the sequence orders the split's records within one reading, {@code state} is where
 * reading resumes once this record and everything before it are durable, and {@code eventTimeMillis}
 * is when the change happened at the source (for lag), or -1 when unknown.
 *
 * <p>The state may be conservative: resuming from it may read some records again (they are
 * re-applied in order, so the sink converges), but never skips one that is not durable.
 */
public record SplitPosition(String partition, long sequence, String state, long eventTimeMillis) implements Position {
}
