package io.tablesync.flink.source;

import io.tablesync.core.element.Record;
import io.tablesync.core.source.SplitPosition;

/**
 * One element from the fetcher thread to the emitter: a record with its position, or — when a fetch moved
 * on without a record carrying its end — only the position, so the split's state moves too.
 */
record Fetched(Record record, SplitPosition position) {
}
