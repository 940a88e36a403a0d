package io.tablesync.plugin.tablestore.stream;

/**
 * Where a shard's reading begins in this window: a stored checkpoint (iterator, TRIM_HORIZON or
 * SHARD_END); whether records before the window start must be skipped (true when the previous
 * window's exact checkpoints could not be used); and whether a TRIM_HORIZON start should instead
 * seek by time to shortly before the window start ({@code enableSeekIterator}).
 */
public record ShardStart(String checkpoint, boolean skipBeforeStart, boolean seekToStart) {
}
